// `npm run bench`: deploys N synthetic customers with this project (cdktf, on the bundled provider and
// on the official one), with plain Terraform JSON, with keycloak-config-cli and with the fewest admin
// REST calls, against one local Keycloak, and prints a Markdown table. Progress goes to stderr, the
// table to stdout.
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { deployedDifferences, floorDeploy, floorRead } from "./floor";
import {
  keycloakConfigCliImport,
  plainTerraformJson,
  REALM,
  resourceDifference,
  ScratchProject,
  syntheticCustomers,
  type SyntheticCustomer,
} from "./generate";
import { requirement, type KeycloakProviderName } from "../lib/constructs/keycloak-provider";
import { PRIVATE_UMASK } from "../lib/operations/private-files";
import { DEFAULT_PARALLELISM } from "../lib/operations/stack-workspace";
import { AdminApi, startKeycloak } from "./keycloak";
import { runCommand, runWithPeakMemory, stepSeconds } from "./measure";
import { CountingProxy, type RequestCounts } from "./proxy";
import { renderTables, renderTargets, summarize, type Cell, type Phase, type SizeResult, type Tool } from "./report";

// The states and plans this writes hold the synthetic customers' secrets: owner only, as the commands do.
process.umask(PRIVATE_UMASK);

const TOOL_NAMES = ["cdktf", "upstream", "plain", "kcc", "floor"];
const USAGE = `usage: npm run bench -- [--customers 10,100,1000] [--quick] [--runs 3] [--skip ${TOOL_NAMES.join("|")}]...
  [--parallelism ${DEFAULT_PARALLELISM}] [--shards 1] [--json results.json]
  --quick        10 and 50 customers, one run each: under 5 minutes
  --runs R       repetitions of each figure (median); deploys of more than 100 customers run once
  --skip TOOL    leave a tool out (repeatable)
  --parallelism  requests at once for every tool: the commands' REALM_PARALLELISM, plain JSON's
                 -parallelism (TF_CLI_ARGS_plan/apply) and the floor's concurrency
  --shards K     this project's customers spread over K stacks (settings customers.shards)
keycloak-config-cli is measured when KEYCLOAK_CONFIG_CLI_JAR names its built jar (Java 21+: KEYCLOAK_CONFIG_CLI_JAVA).
upstream (cdktf on the official provider) is measured when 'npm run toolchain' ran with KEYCLOAK_PROVIDER_BINARY set.`;

const { values: options } = parseArgs({
  options: {
    customers: { type: "string" },
    quick: { type: "boolean", default: false },
    runs: { type: "string" },
    skip: { type: "string", multiple: true, default: [] },
    parallelism: { type: "string", default: String(DEFAULT_PARALLELISM) },
    shards: { type: "string", default: "1" },
    json: { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}

const SIZES = (options.customers ?? (options.quick ? "10,50" : "10,100,1000")).split(",").map(Number);
const RUNS = Number(options.runs ?? (options.quick ? 1 : 3));
const PARALLELISM = Number(options.parallelism);
const SHARDS = Number(options.shards);
const SKIP = new Set(options.skip);
/** The customer file a benchmark pull request adds. */
const PULL_REQUEST_CUSTOMER: SyntheticCustomer = { ...syntheticCustomers(1)[0]!, id: "pull-request-customer" };
/** Deploys start from an empty realm each time: beyond this size one run is all the time allows. */
const REPEATED_DEPLOYS_UP_TO = 100;
const ENGINE = process.env.TERRAFORM_BINARY_NAME ?? "tofu";
const MACHINE = `${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${Math.round(totalmem() / 2 ** 30)} GB`;
const log = (message: string) => process.stderr.write(`${message}\n`);

for (const value of [...SIZES, RUNS, PARALLELISM, SHARDS]) {
  if (!Number.isInteger(value) || value < 1) {
    log(`not a positive whole number: ${value}\n${USAGE}`);
    process.exit(1);
  }
}
const unknownTool = [...SKIP].find((tool) => !TOOL_NAMES.includes(tool));
if (unknownTool) {
  log(`unknown tool '${unknownTool}' for --skip\n${USAGE}`);
  process.exit(1);
}
for (const variable of ["KEYCLOAK_IMAGE", "TF_CLI_CONFIG_FILE"]) {
  if (!process.env[variable]) {
    log(`${variable} is not set: run 'npm run toolchain', then 'npm run bench' (or source .toolchain/env).`);
    process.exit(1);
  }
}

/** Why keycloak-config-cli cannot be measured, or undefined when it can. */
function keycloakConfigCliMissing(): string | undefined {
  const jar = process.env.KEYCLOAK_CONFIG_CLI_JAR;
  if (!jar) return "KEYCLOAK_CONFIG_CLI_JAR is not set (BENCHMARKS.md says how to build the jar)";
  if (!existsSync(jar)) return `KEYCLOAK_CONFIG_CLI_JAR=${jar} does not exist`;
  return undefined;
}

/**
 * Why cdktf on the official provider cannot be measured, or undefined when the private copy of the
 * mirror (`mirror`) holds it. Only a build in the mirror is measured, never a registry download, so
 * that a run without KEYCLOAK_PROVIDER_BINARY (CI's smoke run) needs no network and says what it left out.
 */
function officialProviderMissing(mirror: string): string | undefined {
  const { source, version } = requirement("upstream");
  const how =
    `build ${source.replace(/^registry\.terraform\.io\//, "")} ${version} from its source, then ` +
    `'KEYCLOAK_PROVIDER_BINARY=<the binary> npm run toolchain' and run the benchmark with it set (BENCHMARKS.md, "The official provider")`;
  if (!process.env.KEYCLOAK_PROVIDER_BINARY) return `KEYCLOAK_PROVIDER_BINARY is not set: ${how}`;
  if (!existsSync(join(mirror, source, version))) return `the toolchain's provider mirror does not hold it: ${how}`;
  return undefined;
}

/**
 * A private copy of the provider mirror and a CLI config naming it: `npm run toolchain` elsewhere
 * rebuilds the mirror whenever provider/ changes, which would break `tofu init` mid-run on a
 * checksum mismatch and mix two builds in one table. Returns the config file's path.
 */
async function pinProvider(folder: string): Promise<string> {
  const config = await readFile(process.env.TF_CLI_CONFIG_FILE!, "utf8");
  const mirror = /path\s*=\s*"([^"]+)"/.exec(config)?.[1];
  if (!mirror) throw new Error(`no filesystem_mirror path in ${process.env.TF_CLI_CONFIG_FILE}`);
  await cp(mirror, join(folder, "providers"), { recursive: true });
  const pinned = join(folder, "tofurc");
  await writeFile(pinned, config.replace(mirror, join(folder, "providers")));
  return pinned;
}

async function main(): Promise<void> {
  const started = Date.now();
  const scratch = await mkdtemp(join(tmpdir(), "realm-bench-"));
  log(`==> starting Keycloak (${process.env.KEYCLOAK_IMAGE})`);
  const keycloak = await startKeycloak(process.env.KEYCLOAK_IMAGE!);
  const proxy = await CountingProxy.start(keycloak.getBaseUrl());
  const { clientId, clientSecret } = keycloak.getAdmin();
  // Direct, uncounted: resets and checks are not part of any figure.
  const admin = new AdminApi({ baseUrl: keycloak.getBaseUrl(), clientId, clientSecret });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KEYCLOAK_URL: proxy.url,
    KEYCLOAK_REALM: "master",
    KEYCLOAK_CLIENT_ID: clientId,
    KEYCLOAK_CLIENT_SECRET: clientSecret,
    KEYCLOAK_USER: "",
    KEYCLOAK_PASSWORD: "",
    REALM_STATE_BACKEND: "local",
    REALM_PARALLELISM: String(PARALLELISM),
    TF_CLI_ARGS_plan: `-parallelism=${PARALLELISM}`,
    TF_CLI_ARGS_apply: `-parallelism=${PARALLELISM}`,
    CHECKPOINT_DISABLE: "1",
    TF_CLI_CONFIG_FILE: await pinProvider(scratch),
  };
  delete env.REALM_STATE_PASSPHRASE;
  const notMeasurable: Partial<Record<Tool, string>> = {
    kcc: keycloakConfigCliMissing(),
    upstream: officialProviderMissing(join(scratch, "providers")),
  };
  const bench = new Bench(admin, proxy, env, notMeasurable);
  const sizes: SizeResult[] = [];
  try {
    await bench.warmUp();
    for (const customers of SIZES) {
      log(`\n==> ${customers} customers`);
      sizes.push(await bench.size(customers));
      // Written after each size, so a run that dies at 1,000 customers keeps what it measured.
      if (options.json) await writeFile(options.json, JSON.stringify({ machine: MACHINE, runs: RUNS, sizes }, null, 2));
    }
  } finally {
    await proxy.close();
    await keycloak.stop({ remove: true, removeVolumes: true });
    await rm(scratch, { recursive: true, force: true });
  }

  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  const output = [
    `Benchmark: ${SIZES.join(", ")} customers${SHARDS > 1 ? ` in ${SHARDS} shards` : ""}, median of ${RUNS} run(s) (deploys of more than ${REPEATED_DEPLOYS_UP_TO}: 1 run), ` +
      `-parallelism=${PARALLELISM}; ${MACHINE}; Keycloak ${process.env.KEYCLOAK_VERSION ?? ""} (${process.env.KEYCLOAK_IMAGE}), ${minutes} min`,
    "",
    renderTables(sizes),
    renderTargets(sizes),
    "",
  ].join("\n");
  process.stdout.write(output);
}

class Bench {
  constructor(
    private readonly admin: AdminApi,
    private readonly proxy: CountingProxy,
    private readonly env: NodeJS.ProcessEnv,
    /** Why a tool cannot be measured here, if it cannot. */
    private readonly notMeasurable: Partial<Record<Tool, string>>,
  ) {}

  /** A fresh JVM answers its first thousand requests slowly; whichever tool came first would pay for it. */
  async warmUp(): Promise<void> {
    log("==> warming Keycloak up");
    const base = await this.plainBase();
    await floorDeploy(this.proxiedAdmin(), syntheticCustomers(100), PARALLELISM);
    await rm(base, { recursive: true, force: true });
    this.proxy.take();
  }

  async size(count: number): Promise<SizeResult> {
    const customers = syntheticCustomers(count);
    const deployRuns = count > REPEATED_DEPLOYS_UP_TO ? 1 : RUNS;
    const cells: SizeResult["cells"] = {};
    const tools: [Tool, (record: Recorder) => Promise<void>][] = [
      ["floor", (record) => this.floor(customers, deployRuns, record)],
      ["plain", (record) => this.plain(customers, deployRuns, record)],
      ["cdktf", (record) => this.cdktf(customers, deployRuns, record, "bundled")],
      ["upstream", (record) => this.cdktf(customers, deployRuns, record, "upstream")],
      ["kcc", (record) => this.keycloakConfigCli(customers, deployRuns, record)],
    ];
    for (const [tool, measure] of tools) {
      const results: Partial<Record<Phase, Cell>> = (cells[tool] = {});
      const record: Recorder = (phase, cell, into = tool) => ((cells[into] ??= {})[phase] = cell);
      if (SKIP.has(tool)) {
        for (const phase of ["deploy", "redeploy"] as Phase[]) results[phase] = { notMeasured: "skipped (--skip)" };
        continue;
      }
      const missing = this.notMeasurable[tool];
      if (missing) {
        for (const phase of ["deploy", "redeploy"] as Phase[]) results[phase] = { notMeasured: missing };
        continue;
      }
      try {
        await measure(record);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        log(`!!! ${tool} failed at ${count} customers: ${reason}`);
        for (const phase of ["deploy", "redeploy"] as Phase[]) {
          results[phase] ??= { notMeasured: `failed: ${reason.split("\n")[0]!.slice(0, 100)}` };
        }
      }
    }
    return { customers: count, cells };
  }

  private proxiedAdmin(): AdminApi {
    const { KEYCLOAK_CLIENT_ID: clientId = "", KEYCLOAK_CLIENT_SECRET: clientSecret = "" } = this.env;
    return new AdminApi({ baseUrl: this.proxy.url, clientId, clientSecret });
  }

  /** Times `action` `runs` times, each after `prepare`; requests are those of the first run. */
  private async repeat(
    what: string,
    runs: number,
    prepare: () => Promise<void>,
    action: () => Promise<{ seconds: number; peakMegabytes?: number; steps?: Record<string, number> }>,
  ) {
    const results = [];
    let requests: RequestCounts | undefined;
    for (let run = 1; run <= runs; run++) {
      await prepare();
      this.proxy.take();
      const result = await action();
      if (run === 1) requests = this.proxy.take();
      log(`    ${what} #${run}: ${result.seconds.toFixed(2)} s`);
      results.push(result);
    }
    return summarize(results, requests);
  }

  private async timed(action: () => Promise<unknown>): Promise<{ seconds: number }> {
    const started = process.hrtime.bigint();
    await action();
    return { seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  }

  /** Deletes the realm: the next deploy starts from an empty Keycloak. */
  private async reset(): Promise<void> {
    await this.admin.deleteRealmIfExists(REALM);
  }

  /**
   * The realm, backend and frontend without customers, deployed with plain Terraform JSON: the
   * starting point of the floor and of keycloak-config-cli. Returns the folder, for the caller to remove.
   */
  private async plainBase(): Promise<string> {
    await this.reset();
    const folder = await mkdtemp(join(tmpdir(), "realm-bench-base-"));
    await this.writePlain(folder, []);
    await this.tofu(folder, INIT);
    await this.tofu(folder, APPLY);
    return folder;
  }

  private async writePlain(folder: string, customers: readonly SyntheticCustomer[]): Promise<void> {
    const json = plainTerraformJson(customers, join(folder, "terraform.tfstate"));
    await writeFile(join(folder, "main.tf.json"), JSON.stringify(json, null, 2));
  }

  private tofu(folder: string, args: string[], options: { accept?: number[] } = {}) {
    return runCommand(ENGINE, args, { cwd: folder, env: this.env, ...options });
  }

  /** Checks the deployed customers against their files; a figure of a wrong deploy is marked, not dropped. */
  private async verify(customers: readonly SyntheticCustomer[]): Promise<string | undefined> {
    const problems = deployedDifferences(customers, await floorRead(this.admin, customers, PARALLELISM));
    if (problems.length === 0) return undefined;
    log(`!!! the deployed realm differs from the customer files:\n${problems.join("\n")}`);
    return problems.join("; ");
  }

  private async floor(customers: readonly SyntheticCustomer[], deployRuns: number, record: Recorder) {
    log("--> admin-API floor");
    let base = "";
    const deploy = await this.repeat(
      "floor deploy",
      deployRuns,
      async () => {
        await rm(base, { recursive: true, force: true });
        base = await this.plainBase();
      },
      () => this.timed(() => floorDeploy(this.proxiedAdmin(), customers, PARALLELISM)),
    );
    await rm(base, { recursive: true, force: true });
    record("deploy", { ...deploy, problem: await this.verify(customers) });
    const read = await this.repeat(
      "floor read",
      RUNS,
      async () => {},
      () => this.timed(() => floorRead(this.proxiedAdmin(), customers, PARALLELISM)),
    );
    record("fullPlan", read);
    record("redeploy", read);
  }

  private async plain(customers: readonly SyntheticCustomer[], deployRuns: number, record: Recorder) {
    log("--> plain Terraform JSON");
    const folder = await mkdtemp(join(tmpdir(), "realm-bench-plain-"));
    try {
      const init = () => this.tofu(folder, INIT);
      const apply = async () => ({ seconds: (await init()).seconds + (await this.tofu(folder, APPLY)).seconds });
      const plan =
        (...extra: string[]) =>
        async () => ({
          seconds: (await init()).seconds + (await this.tofu(folder, [...PLAN, ...extra])).seconds,
        });
      const deploy = await this.repeat(
        "plain deploy",
        deployRuns,
        async () => {
          await this.reset();
          await rm(join(folder, "terraform.tfstate"), { force: true });
          await this.writePlain(folder, []);
          await apply();
          await this.writePlain(folder, customers);
        },
        apply,
      );
      record("deploy", { ...deploy, problem: await this.verify(customers) });
      // Hand-written Terraform has no per-customer plan: a pull request adding one customer plans them all.
      await this.writePlain(folder, [...customers, PULL_REQUEST_CUSTOMER]);
      const prPlan = async () => ({
        seconds:
          (await init()).seconds + (await this.tofu(folder, [...PLAN, "-refresh=false"], { accept: [2] })).seconds,
      });
      record("prPlan", await this.repeat("plain PR plan", RUNS, async () => {}, prPlan));
      await this.writePlain(folder, customers);
      record("fullPlan", await this.repeat("plain full plan", RUNS, async () => {}, plan()));
      record("redeploy", await this.repeat("plain re-deploy", RUNS, async () => {}, apply));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }

  /** This project's commands on the given Keycloak provider (KEYCLOAK_PROVIDER), set explicitly for each row. */
  private async cdktf(
    customers: readonly SyntheticCustomer[],
    deployRuns: number,
    record: Recorder,
    provider: KeycloakProviderName,
  ) {
    log(`--> cdktf (this project), KEYCLOAK_PROVIDER=${provider}`);
    const env = { ...this.env, KEYCLOAK_PROVIDER: provider };
    const project = await ScratchProject.create();
    try {
      await project.setCustomers(customers);
      if (SHARDS > 1) await project.setShards(SHARDS);
      const tsx = join(project.directory, "node_modules", ".bin", "tsx");
      // The synth and its match with the plain JSON do not depend on the provider: measured and checked once.
      if (provider === "bundled") {
        // What every operator command synthesizes: the one environment it works on.
        const synth = await this.repeat(
          "synth",
          RUNS,
          async () => {},
          () =>
            runWithPeakMemory(tsx, ["main.ts"], {
              cwd: project.directory,
              env: { ...env, REALM_ENVIRONMENT: "local" },
            }),
        );
        record("synth", synth);
        // The plain JSON is one stack: sharded, the realm's stack holds no customer to compare.
        const difference =
          SHARDS === 1 &&
          resourceDifference(
            JSON.parse(await readFile(project.synthesizedJson, "utf8")),
            plainTerraformJson(customers, ""),
          );
        if (difference)
          throw new Error(`bench/generate.ts's plain JSON differs from the synthesized stack: ${difference}`);
      }

      // What `npm run plan|deploy` run, with its progress lines on stderr giving the time of each step.
      // Exit code 2 (changes) fails a plan: right after a deploy, a plan must find none.
      const realm =
        (...args: string[]) =>
        async () => {
          const result = await runWithPeakMemory(tsx, ["scripts/realm.ts", ...args, "--env", "local"], {
            cwd: project.directory,
            env,
            // A pull request's plan has a change to show: exit code 2.
            accept: args[0] === "plan" && args.includes("--customer") ? [2] : [0],
          });
          return { seconds: result.seconds, peakMegabytes: result.peakMegabytes, steps: stepSeconds(result.progress) };
        };
      const deploy = await this.repeat(
        `cdktf (${provider}) deploy`,
        deployRuns,
        async () => {
          await this.reset();
          await project.removeState();
          await project.setCustomers([]);
          await realm("deploy")();
          await project.setCustomers(customers);
        },
        realm("deploy"),
      );
      record("deploy", { ...deploy, problem: await this.verify(customers) });
      // A pull request adding one customer file: the plan workflow plans just that customer.
      await project.setCustomers([...customers, PULL_REQUEST_CUSTOMER]);
      const prPlan = realm("plan", "--no-refresh", "--customer", PULL_REQUEST_CUSTOMER.id);
      record("prPlan", await this.repeat(`cdktf (${provider}) PR plan`, RUNS, async () => {}, prPlan));
      await project.setCustomers(customers);
      record("fullPlan", await this.repeat(`cdktf (${provider}) full plan`, RUNS, async () => {}, realm("plan")));
      record("redeploy", await this.repeat(`cdktf (${provider}) re-deploy`, RUNS, async () => {}, realm("deploy")));
      // A merged pull request adding a customer: the deploy workflow deploys just it. Each run adds one
      // more, so each deploys a new customer; last, so the figures above are of exactly N customers.
      const merged: SyntheticCustomer[] = [];
      const mergeDeploy = await this.repeat(
        `cdktf (${provider}) merge deploy`,
        RUNS,
        async () => {
          merged.push({ ...PULL_REQUEST_CUSTOMER, id: `${PULL_REQUEST_CUSTOMER.id}-${merged.length + 1}` });
          await project.setCustomers([...customers, ...merged]);
        },
        async () => realm("deploy", "--customer", merged.at(-1)!.id)(),
      );
      record("mergeDeploy", { ...mergeDeploy, problem: await this.verify(merged) });
    } finally {
      await project.dispose();
    }
  }

  private async keycloakConfigCli(customers: readonly SyntheticCustomer[], deployRuns: number, record: Recorder) {
    log("--> keycloak-config-cli");
    const folder = await mkdtemp(join(tmpdir(), "realm-bench-kcc-"));
    let base = "";
    try {
      const baseFile = join(folder, "base.json");
      const fullFile = join(folder, "realm.json");
      await writeFile(baseFile, JSON.stringify(keycloakConfigCliImport([])));
      await writeFile(fullFile, JSON.stringify(keycloakConfigCliImport(customers)));
      const run =
        (file: string, ...extra: string[]) =>
        async () => ({
          seconds: (
            await runCommand(
              process.env.KEYCLOAK_CONFIG_CLI_JAVA ?? "java",
              [
                "-jar",
                process.env.KEYCLOAK_CONFIG_CLI_JAR!,
                `--keycloak.url=${this.env.KEYCLOAK_URL}`,
                "--keycloak.login-realm=master",
                "--keycloak.grant-type=client_credentials",
                `--keycloak.client-id=${this.env.KEYCLOAK_CLIENT_ID}`,
                `--keycloak.client-secret=${this.env.KEYCLOAK_CLIENT_SECRET}`,
                `--import.files.locations=${file}`,
                ...extra,
              ],
              { cwd: folder, env: this.env },
            )
          ).seconds,
        });
      const deploy = await this.repeat(
        "keycloak-config-cli deploy",
        deployRuns,
        async () => {
          await rm(base, { recursive: true, force: true });
          base = await this.plainBase();
          await run(baseFile)();
        },
        run(fullFile),
      );
      record("deploy", { ...deploy, problem: await this.verify(customers) });
      // Its default: a checksum of the file kept in the realm; an unchanged file skips the import, drift goes unseen.
      const cached = await this.repeat("keycloak-config-cli re-apply (checksum)", RUNS, async () => {}, run(fullFile));
      record("redeploy", cached, "kccChecksum");
      const full = await this.repeat(
        "keycloak-config-cli re-apply",
        RUNS,
        async () => {},
        run(fullFile, "--import.cache.enabled=false"),
      );
      record("redeploy", full);
    } finally {
      await rm(base, { recursive: true, force: true });
      await rm(folder, { recursive: true, force: true });
    }
  }
}

type Recorder = (phase: Phase, cell: Cell, tool?: Tool) => void;
const INIT = ["init", "-input=false", "-no-color"];
const APPLY = ["apply", "-auto-approve", "-input=false", "-no-color"];
const PLAN = ["plan", "-input=false", "-no-color", "-lock=false", "-detailed-exitcode"];

main().catch((error: unknown) => {
  log(`\nERROR: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
