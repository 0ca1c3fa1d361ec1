import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const SCRIPT = resolve(import.meta.dirname, "../../scripts/postgres.sh");

/**
 * A throwaway PostgreSQL server from Debian's package (scripts/postgres.sh): its own data directory,
 * a free port of 127.0.0.1, a password login. The state of the pg backend goes to its database.
 */
export class PostgresServer {
  private constructor(
    /** What PG_CONN_STR is set to: a `postgres://` URL with the password in it. */
    readonly connectionString: string,
    private readonly bin: string,
    private readonly directory: string,
  ) {}

  /** Installs PostgreSQL when missing and this is root on Debian; otherwise fails saying how to install it. */
  static async start(): Promise<PostgresServer> {
    const directory = await mkdtemp(join(tmpdir(), "realm-pg-"));
    let stdout: string;
    try {
      ({ stdout } = await run("bash", [SCRIPT, "start", directory], { timeout: 600_000 }));
    } catch (error) {
      const { stderr = "" } = error as { stderr?: string };
      throw new Error(`cannot start PostgreSQL for the pg state backend (scripts/postgres.sh):\n${stderr.trim()}`);
    }
    const value = (name: string) => new RegExp(`^${name}=(.*)$`, "m").exec(stdout)?.[1] ?? "";
    return new PostgresServer(value("PG_CONN_STR"), value("PG_BIN"), directory);
  }

  /** PG_CONN_STR for another login role of the same database. */
  connectionStringAs(role: string, password: string): string {
    const url = new URL(this.connectionString);
    url.username = role;
    url.password = password;
    return url.toString();
  }

  /** Runs SQL with psql as the owner role; the rows, one a line, columns separated by `|`. */
  async query(sql: string): Promise<string> {
    const { stdout } = await run(join(this.bin, "psql"), [this.connectionString, "-X", "-A", "-t", "-c", sql]);
    return stdout.trim();
  }

  async stop(): Promise<void> {
    await run("bash", [SCRIPT, "stop", this.directory]);
  }
}
