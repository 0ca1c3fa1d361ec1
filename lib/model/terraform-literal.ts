/**
 * The engine reads every string of a JSON configuration as a template: `${…}` is evaluated
 * (`${file("/proc/self/environ")}` reads a file) and `%{…}` is a directive. Text from customer
 * files and settings is data, so it reaches the engine with both escaped (`$${`, `%%{`), which the
 * engine reads back as the literal text. cdktn's `Fn.rawString` is not used: it leaves `%{` alone,
 * turns quotes and newlines into backslash sequences, and recurses forever on cdktn token markers.
 */
export function literal(text: string): string {
  // Validation refuses it; this keeps a construct used directly from turning text into a reference.
  if (text.includes(CDKTN_TOKEN_MARKER)) throw new Error(`text must not contain '${CDKTN_TOKEN_MARKER}': ${text}`);
  // A function, not a replacement string: in those, `$$` itself means `$`.
  return text.replace(/([$%])\{/g, (_match, sigil: string) => `${sigil}${sigil}{`);
}

/** `value` with {@link literal} applied to every string in it, keys included. */
export function literals<T>(value: T): T {
  if (typeof value === "string") return literal(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => literals(item)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [literal(key), literals(item)])) as T;
  }
  return value;
}

/**
 * cdktn encodes references as `${TfToken[…]}`, `#{TfToken[…]}` and `&{TfToken[…]}` inside strings and
 * resolves them wherever they appear: text holding one would become a reference (or crash synth).
 */
export const CDKTN_TOKEN_MARKER = "{TfToken[";
