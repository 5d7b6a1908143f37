// The YAML 1.2 core schema for `js-yaml`, resolved as `yaml` resolves it, so the quick reader of valid files
// and the careful reader with positions read every plain scalar alike. `js-yaml`'s own core schema is YAML
// 1.1's for numbers: it reads 0b101 and 1_000 as integers, where YAML 1.2 (and `yaml`) reads them as text,
// and -0 as 0, where `yaml` keeps the sign.
import { FAILSAFE_SCHEMA, Type } from "js-yaml";

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT = /^[-+]?[0-9]+$/;
const OCT = /^0o[0-7]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const SPECIAL = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

/** An integer as `yaml` reads it: `parseInt` of its digits in its base (so -0 stays -0). */
function integer(text: string): number {
  if (OCT.test(text)) return parseInt(text.slice(2), 8);
  if (HEX.test(text)) return parseInt(text.slice(2), 16);
  return parseInt(text, 10);
}

const nothing = new Type("tag:yaml.org,2002:null", {
  kind: "scalar",
  resolve: (data: unknown) => data === null || (typeof data === "string" && NULL.test(data)),
  construct: () => null,
  predicate: (value: unknown) => value === null,
});

const bool = new Type("tag:yaml.org,2002:bool", {
  kind: "scalar",
  resolve: (data: unknown) => typeof data === "string" && BOOL.test(data),
  construct: (data: string) => data.toLowerCase() === "true",
  predicate: (value: unknown) => typeof value === "boolean",
});

const int = new Type("tag:yaml.org,2002:int", {
  kind: "scalar",
  resolve: (data: unknown) =>
    typeof data === "string" && (INT.test(data) || OCT.test(data) || HEX.test(data)),
  construct: (data: string) => integer(data),
  predicate: (value: unknown) => Number.isInteger(value),
});

const float = new Type("tag:yaml.org,2002:float", {
  kind: "scalar",
  resolve: (data: unknown) =>
    typeof data === "string" && !INT.test(data) && (FLOAT.test(data) || SPECIAL.test(data)),
  construct: (data: string) => {
    if (!SPECIAL.test(data)) return parseFloat(data);
    if (data.slice(-3).toLowerCase() === "nan") return NaN;
    return data.startsWith("-") ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  },
  predicate: (value: unknown) => typeof value === "number",
});

export const YAML_CORE_SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [nothing, bool, int, float] });
