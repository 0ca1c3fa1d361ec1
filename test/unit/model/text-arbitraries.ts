import fc from "fast-check";
import { CDKTN_TOKEN_MARKER } from "../../../lib/model/terraform-literal";

/** Pieces that mean something to the engine's template syntax, to JSON or to a shell. */
const TEMPLATE_PIECES = ["$", "%", "{", "}", "${", "%{", "$${", "%%{", "$$", "~}", '"', "'", "\\", "\\n", "`", " "];

/**
 * Arbitrary Unicode text (whole code points, any plane) interleaved with template syntax. Only the
 * cdktn reference marker is left out: validation refuses it (lib/model/text-rules.ts).
 */
export const anyText = fc
  .array(fc.oneof(fc.string({ unit: "binary", maxLength: 8 }), fc.constantFrom(...TEMPLATE_PIECES)), {
    maxLength: 12,
  })
  .map((parts) => parts.join(""))
  .filter((text) => !text.includes(CDKTN_TOKEN_MARKER));

/** Payloads that run code or read files when a configuration string is evaluated instead of read. */
export const INJECTIONS = [
  '${file("/etc/hostname")} %{ if true }x%{ endif }',
  '${file("/proc/self/environ")}',
  '${jsonencode(fileset("/", "*"))}',
  "%{ for k in [1] }${k}%{ endfor }",
  "$${already escaped} %%{ also }",
  "$$${x} %%%{y}",
  'quotes " and \\ backslashes',
];
