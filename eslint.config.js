// Lint rules: typescript-eslint's recommended set, no import cycles, and dependencies that point inward only.
// Each layer lists what it may import: only layers before it in ARCHITECTURE.md's chain, and only those it needs.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import importPlugin from "eslint-plugin-import";

const layers = {
  domain: [],
  checks: ["domain"],
  engine: ["domain", "checks"],
  readings: ["domain", "engine"],
  "initiative-file": ["domain", "checks"],
  store: ["domain", "engine", "initiative-file"],
  "use-cases": ["domain", "checks", "engine", "readings", "initiative-file", "store", "events"],
  events: ["domain", "store"],
  // Connectors to where work happens (Jira, the KEPs): their I/O, and pure mappings from their data to the model
  // (or, for a whole dataset, to initiative files).
  importers: ["domain", "initiative-file", "use-cases"],
  // Routes and commands reach the store only through use-cases (the CLI opens it: it is where the process starts).
  server: ["domain", "checks", "engine", "readings", "initiative-file", "use-cases", "events", "config"],
  cli: [
    "domain",
    "checks",
    "engine",
    "readings",
    "initiative-file",
    "use-cases",
    "server",
    "demo",
    "config",
    "events",
    "importers",
  ],
  demo: ["domain", "initiative-file", "store", "use-cases"],
  config: ["domain"],
};
const all = Object.keys(layers);
/** Files of an otherwise closed layer that one layer may still import. */
const openings = { cli: { store: ["open-store.ts", "key-files.ts"] } };

export default tseslint.config(
  { ignores: ["node_modules", ".plumbline", "dist", "web/dist", "coverage", "src/store/migrations"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { import: importPlugin },
    settings: {
      "import/ignore": ["node_modules"],
      "import/resolver": { node: { extensions: [".ts", ".js"] } },
    },
    rules: {
      "import/no-cycle": ["error", { ignoreExternal: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": "off",
    },
  },
  ...Object.entries(layers).map(([layer, allowed]) => ({
    files: [`src/${layer}/**/*.ts`],
    // Tests are harnesses, not layers: a detector's test may build its snapshot from an initiative file.
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: all
            .filter((other) => other !== layer && !allowed.includes(other))
            .map((other) => ({
              group: openings[layer]?.[other]
                ? [`**/${other}/**`, ...openings[layer][other].map((file) => `!**/${other}/${file}`)]
                : [`**/${other}/**`, `../${other}`, `../../${other}`],
              message: `src/${layer} may not depend on src/${other}: dependencies point inward (ARCHITECTURE.md).`,
            })),
        },
      ],
    },
  })),
);
