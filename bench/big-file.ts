// `npx tsx bench/big-file.ts COMMITMENTS FILE`: writes one generated initiative file of that many commitments
// (10 reports each and the rest in proportion, as `bench:product` seeds), to time `plumb check` on a large
// file. 5,000 commitments make about 11 MB of YAML.
import { writeFileSync } from "node:fs";
import { stringify } from "yaml";
import { fromSnapshot } from "../src/initiative-file/from-snapshot.ts";
import { generateInitiative, generateOrg, initiativeShape, Random } from "./generate.ts";

const [count, file] = process.argv.slice(2);
const commitments = Number(count);
if (!Number.isInteger(commitments) || commitments < 1 || !file) {
  process.stderr.write("usage: tsx bench/big-file.ts COMMITMENTS FILE\n");
  process.exit(2);
}
const scale = initiativeShape(commitments);
const rng = new Random(7);
const { snapshot } = generateInitiative(0, scale, generateOrg(scale, rng), rng);
// The generator's No-Go votes carry no reason, which a file must give.
for (const gate of snapshot.gates)
  for (const vote of gate.votes)
    if (vote.vote === "no_go" && !vote.reason) vote.reason = "The load test failed";
const text = stringify(fromSnapshot(snapshot), { lineWidth: 0 });
writeFileSync(file, text);
process.stdout.write(`${file}: ${(text.length / 1e6).toFixed(1)} MB\n`);
