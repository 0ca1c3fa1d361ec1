import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { environments } from "../../lib/environments";
import { requirement, type KeycloakProviderName } from "../../lib/constructs/keycloak-provider";
import { AdminApi } from "./admin-api";
import { RealmProject, STACK } from "./realm-project";
import { clientCredentialsStatus } from "./tokens";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const keycloak = inject("keycloak");
const admin = new AdminApi(keycloak);
const realm = environments.local.realm.name;
const tokenEndpoint = `${keycloak.baseUrl}/realms/${realm}/protocol/openid-connect/token`;

/** Where a provider's binary sits in a filesystem mirror, as the engine looks for it. */
function mirrorPath(mirror: string, name: KeycloakProviderName): string {
  const { source, version } = requirement(name);
  return join(mirror, source, version, "linux_amd64", `terraform-provider-keycloak_v${version}`);
}

/**
 * A CLI config whose mirror serves both providers. The official one is KEYCLOAK_PROVIDER_BINARY
 * when it names a build of keycloak/keycloak 5.9.0; without one (CI here, where no registry serves
 * it), the bundled binary stands in under the official source and version, so what is shown is the
 * move itself: same addresses, same state, no other step. The schema test (provider/conformance)
 * holds the bundled schema to the official one's.
 */
async function bothProviders(directory: string): Promise<string> {
  const mirror = join(directory, "providers");
  const bundled = mirrorPath(join(ROOT, ".toolchain/providers"), "bundled");
  for (const [name, binary] of [
    ["bundled", bundled],
    ["upstream", process.env.KEYCLOAK_PROVIDER_BINARY || bundled],
  ] as const) {
    await mkdir(resolve(mirrorPath(mirror, name), ".."), { recursive: true });
    await copyFile(binary, mirrorPath(mirror, name));
  }
  const sources = (["bundled", "upstream"] as const).map((name) => JSON.stringify(requirement(name).source));
  const config = join(directory, "tofurc");
  await writeFile(
    config,
    `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror)}\n    include = [${sources}]\n  }\n}\n`,
  );
  return config;
}

describe("moving a deployed realm between the providers", () => {
  let scratch: string;
  let project: RealmProject;
  let secret: string;

  /** The runbook's step: `tofu state replace-provider` in the stack's folder, nothing else. */
  async function replaceProvider(from: KeycloakProviderName, to: KeycloakProviderName): Promise<string> {
    const { stdout } = await run(
      "tofu",
      ["state", "replace-provider", "-auto-approve", requirement(from).source, requirement(to).source],
      { cwd: join(project.directory, "cdktf.out/stacks", STACK), env: { ...process.env, ...environmentOn(to) } },
    );
    return stdout;
  }

  let cliConfig: string;
  const environmentOn = (name: KeycloakProviderName) => ({ KEYCLOAK_PROVIDER: name, TF_CLI_CONFIG_FILE: cliConfig });

  beforeAll(async () => {
    // Files share one Keycloak: the realm an earlier file deployed is not this state's.
    await admin.deleteRealmIfExists(realm);
    scratch = await mkdtemp(join(tmpdir(), "provider-switch-"));
    cliConfig = await bothProviders(scratch);
    project = await RealmProject.create(keycloak, { env: environmentOn("bundled") });
    await project.writeCustomer(
      "initech",
      "displayName: Initech\ncontactEmail: api@initech.example\ndescription: TPS reports.\nroles: [orders:read]\n",
    );
    const deployed = await project.realm("deploy");
    expect(deployed.code, deployed.stderr).toBe(0);
    const credentials = await project.realm("credentials", "initech");
    expect(credentials.code, credentials.stderr).toBe(0);
    secret = /^client_secret=(.*)$/m.exec(credentials.stdout)![1]!;
  });

  afterAll(async () => {
    await project?.dispose();
    await rm(scratch, { recursive: true, force: true });
  });

  it("plans no changes on the official provider after replace-provider, and the customer's secret keeps working", async () => {
    // GIVEN the realm deployed with the bundled provider (beforeAll)
    // WHEN its state moves to the official provider, and the repository switches to it
    expect(await replaceProvider("bundled", "upstream")).toMatch(/Successfully replaced provider for \d+ resources/);
    const plan = await project.withEnvironment(environmentOn("upstream")).realm("plan");

    // THEN
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stdout).toContain("No changes.");
    expect(await clientCredentialsStatus(tokenEndpoint, "initech", secret)).toBe(200);
  });

  it("plans no changes on the bundled provider after the move back", async () => {
    // GIVEN the state on the official provider (the test before)
    // WHEN it moves back
    expect(await replaceProvider("upstream", "bundled")).toMatch(/Successfully replaced provider for \d+ resources/);
    const plan = await project.withEnvironment(environmentOn("bundled")).realm("plan");

    // THEN
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stdout).toContain("No changes.");
  });

  it("rejects a plan on the other provider before the state moved, naming the command that moves it", async () => {
    // GIVEN the state on the bundled provider
    // WHEN the repository switches without moving the state
    const plan = await project.withEnvironment(environmentOn("upstream")).realm("plan");

    // THEN nothing is planned against a state of the other provider
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(
      `tofu state replace-provider -auto-approve ${requirement("bundled").source} ${requirement("upstream").source}`,
    );
  });

  it("rejects the official provider where neither a registry nor KEYCLOAK_PROVIDER_BINARY provides it, saying how to get it", async () => {
    // GIVEN a CLI config that serves the bundled provider only, and no registry
    const bundledOnly = join(scratch, "bundled-only.tofurc");
    const mirror = JSON.stringify(join(scratch, "providers"));
    await writeFile(
      bundledOnly,
      `provider_installation {\n  filesystem_mirror {\n    path = ${mirror}\n    include = [${JSON.stringify(requirement("bundled").source)}]\n  }\n}\n`,
    );
    const fresh = await RealmProject.create(keycloak, {
      env: { KEYCLOAK_PROVIDER: "upstream", TF_CLI_CONFIG_FILE: bundledOnly },
    });
    try {
      // WHEN
      const plan = await fresh.realm("plan", "--no-refresh");

      // THEN
      expect(plan.code).toBe(1);
      expect(plan.stderr).toContain(
        "The upstream Keycloak provider (registry.terraform.io/keycloak/keycloak 5.9.0) cannot be installed here",
      );
      expect(plan.stderr).toContain("KEYCLOAK_PROVIDER_BINARY");
    } finally {
      await fresh.dispose();
    }
  });
});
