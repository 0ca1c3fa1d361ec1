/**
 * The errors in an engine run's output, grouped by cause: a failed deploy of many customers prints
 * one error per resource (one run: 142 errors, 663 KB of output), most of them the same cause.
 */

/** One `Error:` block of the engine's output. */
export interface EngineError {
  /** Why it failed, in the project's words (e.g. "Keycloak unreachable (connection refused)"). */
  readonly cause: string;
  /** Keycloak did not answer, or answered that it could not now: running again later can succeed. */
  readonly connectivity: boolean;
  /** The resource it belongs to (`with <address>,`), when the engine names one. */
  readonly address?: string;
  /** The block's text, without the engine's box-drawing margin. */
  readonly text: string;
}

export interface ErrorGroup {
  readonly cause: string;
  readonly connectivity: boolean;
  readonly count: number;
  /** The first error of the group, shown as an example. */
  readonly first: EngineError;
  /** The resources of the group's errors, in the engine's order. */
  readonly addresses: readonly string[];
}

/** Resources named per group in a summary: the rest are in the log file. */
const ADDRESSES_SHOWN = 5;

/**
 * What the network said, first match wins, in the words of both providers (Go's net/http, and the
 * official one's own): `transient` causes make a run worth repeating once Keycloak answers again.
 */
const CAUSES: readonly [RegExp, (found: RegExpExecArray) => string, boolean][] = [
  [/connection refused/i, () => "unreachable (connection refused)", true],
  [
    /Client\.Timeout exceeded|context deadline exceeded|i\/o timeout|TLS handshake timeout|timeout awaiting/i,
    () => "did not answer in time (timeout)",
    true,
  ],
  [
    /connection reset|broken pipe|unexpected EOF|\bEOF\b|server closed idle connection/i,
    () => "connection dropped",
    true,
  ],
  [
    /no such host|server misbehaving|network is unreachable|no route to host/i,
    () => "address unreachable (name or network)",
    true,
  ],
  [
    /\b(429|502|503|504)\s+(Too Many Requests|Bad Gateway|Service Unavailable|Gateway Timeout)/i,
    (m) => `answered HTTP ${m[1]} ${m[2]}`,
    true,
  ],
  // Keycloak's answer to a client profile whose executor it does not know: secret rotation (the
  // customers' secret-rotation profiles) is a preview feature up to 26.7, off unless enabled.
  [
    // The engine wraps long lines: words apart by any white space.
    /executor,\s+which\s+does\s+not\s+have\s+valid\s+provider,\s+or\s+has\s+invalid\s+configuration/,
    () =>
      "Keycloak refused the customers' secret-rotation client profile: enable the client-secret-rotation " +
      "feature on the server (KC_FEATURES=client-secret-rotation; README, Keycloak server requirements)",
    false,
  ],
  [
    /\b(\d{3})\s+(Conflict|Forbidden|Unauthorized|Not Found|Bad Request|Internal Server Error)\b/,
    (m) => `HTTP ${m[1]} ${m[2]}`,
    false,
  ],
];

/**
 * An error of a Keycloak request: a Keycloak resource's (`with keycloak_…`), the bundled provider's
 * "signing in to Keycloak", an admin or token endpoint's path. A state backend that cannot be
 * reached (PostgreSQL, S3) is not Keycloak, and waiting for Keycloak would not help it.
 */
const KEYCLOAK_REQUEST = /keycloak|\/admin\/realms|\/realms\/[^/\s]+\/protocol\/openid-connect/i;

/**
 * The engine installing its providers (`init`): a registry or the toolchain's mirror failed, not
 * Keycloak, although the provider's name (`keycloak/keycloak`) is in the message.
 */
const PROVIDER_INSTALL = /^Failed to (query available provider packages|install provider)/;

/** Every `Error:` block of the output, with its cause. */
export function engineErrors(output: string): EngineError[] {
  const lines = output.split("\n").map((line) => line.replace(/^[│╷╵]\s?/, ""));
  const errors: EngineError[] = [];
  let block: string[] | undefined;
  const close = () => {
    if (block) errors.push(describe(block.join("\n").trim()));
    block = undefined;
  };
  for (const line of lines) {
    if (/^(Error|Warning): /.test(line)) {
      close();
      if (line.startsWith("Error: ")) block = [line.slice("Error: ".length)];
    } else if (block) {
      block.push(line);
    }
  }
  close();
  return errors;
}

function describe(text: string): EngineError {
  const address = /^\s*with ([^,\s]+),$/m.exec(text)?.[1];
  const installing = PROVIDER_INSTALL.test(text);
  const keycloak = !installing && KEYCLOAK_REQUEST.test(text);
  for (const [pattern, cause, transient] of CAUSES) {
    const found = pattern.exec(text);
    if (found && transient) {
      const server = keycloak ? "Keycloak" : installing ? "provider registry" : "server";
      return { cause: `${server} ${cause(found)}`, connectivity: keycloak, address, text };
    }
    if (found) return { cause: cause(found), connectivity: false, address, text };
  }
  // Unknown: its own first line, which names what failed.
  const first = text.split("\n")[0]!.trim();
  return { cause: first.length > 120 ? `${first.slice(0, 119)}…` : first, connectivity: false, address, text };
}

/** Errors of the same cause together, the largest group first. */
export function groupErrors(errors: readonly EngineError[]): ErrorGroup[] {
  const groups = new Map<string, { first: EngineError; count: number; addresses: string[] }>();
  for (const error of errors) {
    const group = groups.get(error.cause) ?? { first: error, count: 0, addresses: [] };
    group.count += 1;
    if (error.address) group.addresses.push(error.address);
    groups.set(error.cause, group);
  }
  return [...groups.values()]
    .map(({ first, count, addresses }) => ({
      cause: first.cause,
      connectivity: first.connectivity,
      count,
      first,
      addresses,
    }))
    .sort((a, b) => b.count - a.count);
}

/** Lines of an error group's example kept in a summary: the rest is in the log file. */
const EXAMPLE_LINES = 12;

/**
 * The summary of an engine run's errors, e.g. "142 errors:\n  140 × Keycloak unreachable (connection
 * refused): keycloak_openid_client.a, … and 135 more". A cause the project does not know is shown by its first
 * error's text (cut short), so nothing the engine said is reduced to a count; output without an
 * `Error:` block is shown by its last lines.
 */
export function summarizeErrors(output: string): string {
  const groups = groupErrors(engineErrors(output));
  if (groups.length === 0) {
    const tail = output.trim().split("\n").slice(-EXAMPLE_LINES);
    return tail.join("\n");
  }
  const total = groups.reduce((sum, group) => sum + group.count, 0);
  const width = String(groups[0]!.count).length;
  const lines = [`${total} error${total === 1 ? "" : "s"}:`];
  for (const group of groups) {
    const shown = group.addresses.slice(0, ADDRESSES_SHOWN).join(", ");
    const more = group.addresses.length - ADDRESSES_SHOWN;
    const example = shown ? `: ${shown}${more > 0 ? ` and ${more} more` : ""}` : "";
    lines.push(`  ${String(group.count).padStart(width)} × ${group.cause}${example}`);
    if (!group.connectivity) {
      // The error's own words; where in the configuration it is, the log has.
      const text = group.first.text
        .split("\n")
        .filter((line) => line.trim() !== "" && !/^\s*(with \S+,|on \S+ line \d+.*|\d+:.*)$/.test(line));
      const shown = text.slice(0, EXAMPLE_LINES).map((line) => `      ${line.trim()}`);
      lines.push(...shown, ...(text.length > EXAMPLE_LINES ? ["      …"] : []));
    }
  }
  return lines.join("\n");
}

/** Whether some error of the output is Keycloak not answering (or answering that it cannot now). */
export function hasConnectivityErrors(output: string): boolean {
  return engineErrors(output).some((error) => error.connectivity);
}
