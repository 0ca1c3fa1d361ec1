import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = resolve(import.meta.dirname, "../..");
const workflowsDir = join(root, ".github/workflows");
const actionlint = join(root, ".toolchain/bin/actionlint");
const run = promisify(execFile);

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  with?: Record<string, string>;
  run?: string;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  environment?: string | { name: string };
  concurrency?: { group: string; "cancel-in-progress": boolean };
  strategy?: { matrix: Record<string, unknown> };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

const source = (file: string) => readFile(join(workflowsDir, file), "utf8");
const workflow = async (file: string) => parse(await source(file)) as Workflow;
const workflowFiles = async () => (await readdir(workflowsDir)).filter((file) => file.endsWith(".yml"));
const steps = (wf: Workflow) => Object.values(wf.jobs).flatMap((job) => job.steps);

describe("GitHub workflows", () => {
  beforeAll(async () => {
    // The first run may build actionlint (and say so); the checks below want a built one.
    await run("bash", ["scripts/actionlint.sh"], { cwd: root }).catch(() => undefined);
  });

  it("pass actionlint", async () => {
    // GIVEN the workflows in .github/workflows and the pinned actionlint
    // WHEN
    const { stdout, stderr } = await run("bash", ["scripts/actionlint.sh"], { cwd: root });

    // THEN it exits 0 (run would reject otherwise) and has nothing to say
    expect(stdout).toBe("");
    expect(stderr).toBe("");
  });

  it("fails a workflow with a bad expression, naming the error", async () => {
    // GIVEN a copy of plan.yml whose job name reads a matrix key that does not exist
    const workdir = await mkdtemp(join(tmpdir(), "actionlint-"));
    const broken = join(workdir, "plan.yml");
    const original = await source("plan.yml");
    const mangled = original.replace("name: Plan ${{ matrix.environment }}", "name: Plan ${{ matrix.nope }}");
    expect(mangled).not.toBe(original);
    await writeFile(broken, mangled);

    try {
      // WHEN
      const failure = await run(actionlint, [broken], { cwd: workdir }).then(
        () => undefined,
        (error: { code?: number; stdout?: string }) => error,
      );

      // THEN
      expect(failure?.code).toBe(1);
      expect(failure?.stdout).toMatch(
        /plan\.yml:\d+:\d+: property "nope" is not defined in object type .*\[expression\]/,
      );
    } finally {
      await rm(workdir, { recursive: true, force: true });
    }
  });

  it("plan pull requests without refreshing the state, one matrix job and one comment per environment", async () => {
    // GIVEN
    const plan = await workflow("plan.yml");
    const job = plan.jobs.plan;

    // WHEN
    const planStep = job.steps.find((step) => step.id === "plan");
    const commentStep = job.steps.find((step) => step.uses?.startsWith("actions/github-script@"));

    // THEN
    // main's code with the pull request's customers/ only: no pull-request code near the state's secrets
    expect(Object.keys(plan.on)).toEqual(["pull_request_target"]);
    expect(JSON.stringify(plan.jobs.plan.steps)).not.toContain("secrets.KEYCLOAK_CLIENT_SECRET");
    expect(plan.permissions).toEqual({ contents: "read", "pull-requests": "write" });
    expect(job.strategy?.matrix.environment).toEqual(["staging", "production"]);
    expect(planStep?.env?.CHANGED_CUSTOMERS).toBe("${{ steps.customers.outputs.changed }}");
    expect(planStep?.run).toMatch(
      /npm run --silent plan -- --env "\$ENVIRONMENT" --no-refresh "\$\{only\[@\]\}" >"\$PLAN_FILE"/,
    );
    expect(commentStep?.with?.script).toContain("<!-- realm-plan:${environment} -->");
  });

  it("plan pull requests of just the customer files they add, change or remove", async () => {
    // GIVEN main's checkout with two customers, and a pull request that changes one, removes the
    // other, adds a third and edits the folder's README
    const checkout = await mkdtemp(join(tmpdir(), "plan-workflow-"));
    const git = (...args: string[]) =>
      run("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: checkout });
    const write = async (file: string, text: string) => {
      await run("mkdir", ["-p", join(checkout, file, "..")]);
      await writeFile(join(checkout, file), text);
    };
    const takeStep = (await workflow("plan.yml")).jobs.plan.steps.find((step) => step.id === "customers");
    try {
      await git("init", "-q");
      await write("customers/acme.yaml", "displayName: ACME\n");
      await write("customers/globex.yaml", "displayName: Globex\n");
      await write("customers/README.md", "# Customers\n");
      await git("add", ".");
      await git("commit", "-q", "-m", "main");
      await write("pull-request/customers/acme.yaml", "displayName: ACME Corp\n");
      await write("pull-request/customers/initech.yaml", "displayName: Initech\n");
      await write("pull-request/customers/README.md", "# Customers, edited\n");

      // WHEN the workflow's step runs there
      const output = join(checkout, "github-output");
      // GitHub runs `run:` steps with bash --noprofile --norc -eo pipefail.
      await run("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", takeStep!.run!], {
        cwd: checkout,
        env: { ...process.env, GITHUB_OUTPUT: output },
      });

      // THEN
      expect(await readFile(output, "utf8")).toBe("changed=acme globex initech \n");
    } finally {
      await rm(checkout, { recursive: true, force: true });
    }
  });

  it("deploy staging first, and production after it in the production environment", async () => {
    // GIVEN
    const deploy = await workflow("deploy.yml");

    // WHEN
    const { staging, production } = deploy.jobs;

    // THEN
    expect(staging.environment).toBe("staging");
    expect([production.needs].flat()).toEqual(["staging"]);
    expect(production.environment).toBe("production");
    for (const [name, job] of Object.entries({ staging, production })) {
      expect(job.concurrency).toEqual({ group: `realm-deploy-${name}`, "cancel-in-progress": false });
      const deployStep = job.steps.find((step) => step.run?.includes("npm run deploy"));
      expect(deployStep?.run).not.toContain("${{");
      expect(deployStep?.env?.ALLOW_DELETE).toBe("${{ inputs.allow_delete }}");
    }
  });

  it("pin every action to a full commit SHA, with its version in a comment", async () => {
    for (const file of await workflowFiles()) {
      // GIVEN
      const text = await source(file);

      // WHEN
      const usesLines = [...text.matchAll(/^\s*(?:- )?uses: (.*)$/gm)].map((match) => match[1]);
      const parsedUses = steps(parse(text) as Workflow).flatMap((step) => (step.uses ? [step.uses] : []));

      // THEN
      expect(usesLines.length, file).toBe(parsedUses.length);
      for (const line of usesLines) {
        expect(line, `${file}: ${line}`).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
      }
    }
  });

  it("never interpolate ${{ }} into a run script", async () => {
    for (const file of await workflowFiles()) {
      // GIVEN
      const wf = await workflow(file);

      // WHEN
      const scripts = steps(wf).flatMap((step) => (step.run ? [step.run] : []));

      // THEN inputs, secrets and matrix values reach scripts through env only
      expect(scripts.length, file).toBeGreaterThan(0);
      for (const script of scripts) expect(script, file).not.toContain("${{");
    }
  });
});
