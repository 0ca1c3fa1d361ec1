import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, symlink, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { cdktn } from "./cdktn-cli";
import type { KeycloakUnderTest } from "./global-setup";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
/** What `cdktn deploy` needs of this repository: the app, its bindings and its customers. */
const PROJECT_FILES = ["main.ts", "lib", ".gen", "cdktf.json", "package.json", "tsconfig.json", "customers", "scripts"];
export const STACK = "local";
/**
 * `cdktn` runs `tofu providers lock` after a first init, which asks the provider's origin registry
 * and ignores the CLI config's local mirror; init already recorded the mirror's checksum.
 */
const LOCAL_PROVIDER = "--skip-provider-lock";

export interface RealmProjectOptions {
  /**
   * Environment variables of every command, on top of the Keycloak's KEYCLOAK_* ones (e.g. REALM_STATE_*).
   * @default - none
   */
  readonly env?: Record<string, string>;
}

/**
 * A scratch copy of this repository, deployed with the real CDK Terrain CLI (cdktn) into the Keycloak under
 * test. Its state and cdktf.out stay in the copy; customers can be added and removed like a PR would.
 */
export class RealmProject {
  private constructor(
    public readonly directory: string,
    private readonly keycloak: KeycloakUnderTest,
    private readonly env: Record<string, string>,
  ) {}

  static async create(keycloak: KeycloakUnderTest, options: RealmProjectOptions = {}): Promise<RealmProject> {
    const directory = await mkdtemp(join(tmpdir(), "realm-project-"));
    for (const file of PROJECT_FILES) {
      await cp(join(ROOT, file), join(directory, file), { recursive: true });
    }
    await symlink(join(ROOT, "node_modules"), join(directory, "node_modules"), "dir");
    return new RealmProject(directory, keycloak, options.env ?? {});
  }

  /** The same copy, its commands run with `env` instead of the variables it was created with. */
  withEnvironment(env: Record<string, string>): RealmProject {
    return new RealmProject(this.directory, this.keycloak, env);
  }

  async writeCustomer(id: string, yaml: string): Promise<void> {
    await writeFile(join(this.directory, "customers", `${id}.yaml`), yaml);
  }

  /** Lets customers of the local environment take over these hand-made clients, as an operator would in lib/environments.ts. */
  async allowAdoption(...ids: string[]): Promise<void> {
    await this.setCustomerSettings({ adoptable: ids });
  }

  /** Sets the local environment's `customers` settings (again), as an operator would in lib/environments.ts. */
  async setCustomerSettings(customers: Record<string, unknown>): Promise<void> {
    const file = join(this.directory, "lib", "environments.ts");
    const source = await readFile(file, "utf8");
    // The first parseSettings input is the local environment's; a previous call's settings are replaced.
    const edited = source.replace(
      /parseSettings\(\s*\{( customers: \{[^}]*\},)?/,
      (opening, previous?: string) =>
        `${previous ? opening.slice(0, -previous.length) : opening} customers: ${JSON.stringify(customers)},`,
    );
    if (edited === source) throw new Error("lib/environments.ts no longer has the shape setCustomerSettings edits");
    await writeFile(file, edited);
  }

  /**
   * Puts the files under `overlay` (a folder laid out like the repository) over the copy's, or, with
   * `restore`, this repository's versions of the same files back: moving the copy between releases.
   */
  async overlay(overlay: string, { restore = false }: { restore?: boolean } = {}): Promise<void> {
    const { stdout } = await run("find", [overlay, "-type", "f", "-name", "*.ts"]);
    for (const file of stdout.split("\n").filter(Boolean)) {
      const path = file.slice(overlay.length + 1);
      await cp(restore ? join(ROOT, path) : file, join(this.directory, path));
    }
  }

  async removeCustomer(id: string): Promise<void> {
    await unlink(join(this.directory, "customers", `${id}.yaml`));
  }

  /**
   * Drops a customer's resources from the state (of `stack`, a customer shard's) and leaves them in
   * Keycloak: what a deploy killed after Keycloak carried out its creates, before it recorded them, leaves behind.
   */
  async forgetCustomer(id: string, stack = STACK): Promise<void> {
    await this.engineIn(stack, "state", "rm", ...(await this.addressesOf(id, stack)));
  }

  /**
   * Marks a customer's client tainted in the state: what the official provider records when a
   * create's read-back fails (Keycloak paused, the network dropped) after Keycloak made the client.
   */
  async taintCustomerClient(id: string): Promise<void> {
    const [client] = (await this.addressesOf(id)).filter((address) => address.startsWith("keycloak_openid_client."));
    await this.engine("taint", client!);
  }

  private async addressesOf(id: string, stack = STACK): Promise<string[]> {
    const listed = await this.engineIn(stack, "state", "list");
    const addresses = listed.split("\n").filter((address) => address.includes(`.customers_${id}_`));
    if (addresses.length === 0) throw new Error(`nothing of customer '${id}' in the state`);
    return addresses;
  }

  /** Runs the engine in the stack's folder, as an operator would by hand. */
  private engine(...args: string[]): Promise<string> {
    return this.engineIn(STACK, ...args);
  }

  private async engineIn(stack: string, ...args: string[]): Promise<string> {
    const cwd = join(this.directory, "cdktf.out/stacks", stack);
    const env = { ...process.env, ...this.environment() };
    const { stdout } = await run(process.env.TERRAFORM_BINARY_NAME ?? "tofu", args, { cwd, env });
    return stdout;
  }

  deploy(): Promise<string> {
    return cdktn(["deploy", STACK, "--auto-approve", LOCAL_PROVIDER], {
      cwd: this.directory,
      env: this.cdktnEnvironment(),
    });
  }

  diff(): Promise<string> {
    return cdktn(["diff", STACK, LOCAL_PROVIDER], { cwd: this.directory, env: this.cdktnEnvironment() });
  }

  /** Synthesizes just the stack deployed: staging and production refuse the local state these copies use. */
  private cdktnEnvironment(): Record<string, string> {
    return { ...this.environment(), REALM_ENVIRONMENT: STACK };
  }

  /** Runs an operator command (`scripts/realm.ts`, what `npm run <command>` runs); never throws on exit codes. */
  async realm(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const tsx = join(ROOT, "node_modules/.bin/tsx");
    try {
      const { stdout, stderr } = await run(tsx, ["scripts/realm.ts", ...args], {
        cwd: this.directory,
        env: { ...process.env, ...this.environment() },
        maxBuffer: 64 * 1024 * 1024,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
      if (typeof code !== "number") throw error;
      return { code, stdout, stderr };
    }
  }

  private environment(): Record<string, string> {
    return { ...this.keycloak.providerEnvironment, ...this.env };
  }

  async dispose(): Promise<void> {
    await rm(this.directory, { recursive: true, force: true });
  }
}
