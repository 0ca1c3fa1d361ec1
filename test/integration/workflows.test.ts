import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
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
  if?: string;
  needs?: string | string[];
  environment?: string | { name: string };
  concurrency?: { group: string; "cancel-in-progress": boolean };
  strategy?: { matrix: Record<string, unknown> };
  outputs?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  name?: string;
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
    expect(planStep?.env?.REALM_STATE_READ_ONLY).toBe("yes");
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

  describe("take only regular files and folders of the pull request's customers/", () => {
    /** Runs plan.yml's step in a scratch checkout of main with `pullRequest` laid out as the pull request's checkout. */
    async function takeCustomers(pullRequest: (directory: string) => Promise<void>) {
      const checkout = await mkdtemp(join(tmpdir(), "plan-workflow-"));
      const git = (...args: string[]) =>
        run("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: checkout });
      const takeStep = (await workflow("plan.yml")).jobs.plan.steps.find((step) => step.id === "customers");
      try {
        await git("init", "-q");
        await mkdir(join(checkout, "customers"));
        await writeFile(join(checkout, "customers/acme.yaml"), "displayName: ACME\n");
        await git("add", ".");
        await git("commit", "-q", "-m", "main");
        await mkdir(join(checkout, "pull-request"));
        await pullRequest(join(checkout, "pull-request"));
        const output = join(checkout, "github-output");
        const result = await run("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", takeStep!.run!], {
          cwd: checkout,
          env: { ...process.env, GITHUB_OUTPUT: output },
        }).then(
          ({ stdout }) => ({ code: 0, stdout }),
          (error: { code: number; stdout: string }) => error,
        );
        const taken = await run("find", ["customers", "-printf", "%y %p\n"], { cwd: checkout });
        return { ...result, taken: taken.stdout.split("\n").filter(Boolean).sort() };
      } finally {
        await rm(checkout, { recursive: true, force: true });
      }
    }

    it("copies files and folders, and nothing of main's customers the pull request removed", async () => {
      // WHEN
      const result = await takeCustomers(async (pr) => {
        await mkdir(join(pr, "customers/notes"), { recursive: true });
        await writeFile(join(pr, "customers/initech.yaml"), "displayName: Initech\n");
        await writeFile(join(pr, "customers/notes/onboarding.md"), "# Notes\n");
      });

      // THEN
      expect(result.code).toBe(0);
      expect(result.taken).toEqual([
        "d customers",
        "d customers/notes",
        "f customers/initech.yaml",
        "f customers/notes/onboarding.md",
      ]);
    });

    it.each([
      [
        "a symlink to a runner's file",
        (pr: string) => symlink("/etc/passwd", join(pr, "customers/evil.yaml")),
        "customers/evil.yaml: a symbolic link",
      ],
      [
        "a symlinked folder inside",
        (pr: string) => symlink("/etc", join(pr, "customers/etc")),
        "customers/etc: a symbolic link",
      ],
      [
        "a FIFO",
        (pr: string) => run("mkfifo", [join(pr, "customers/hang.yaml")]).then(() => undefined),
        "customers/hang.yaml: not a regular file (a FIFO, socket or device)",
      ],
    ])("rejects %s, naming it", async (_, make, message) => {
      // WHEN
      const result = await takeCustomers(async (pr) => {
        await mkdir(join(pr, "customers"));
        await writeFile(join(pr, "customers/initech.yaml"), "displayName: Initech\n");
        await make(pr);
      });

      // THEN
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(
        `::error title=Not a regular file::${message}; customers/ may hold only regular files and folders`,
      );
    });

    it("rejects a customers/ that is itself a symlink", async () => {
      // WHEN
      const result = await takeCustomers(async (pr) => {
        await symlink("/etc", join(pr, "customers"));
      });

      // THEN
      expect(result.code).toBe(1);
      expect(result.stdout).toContain("::error title=Not a regular file::customers: a symbolic link;");
      expect(result.taken).toEqual(["d customers"]);
    });
  });

  describe.each([
    ["plan.yml", "plan", "PLAN_FILE", "the plan output contained a secret value; not posted"],
    ["drift.yml", "drift", "REPORT_FILE", "the drift report contained a secret value; not posted"],
  ])("%s checks its report for the job's secrets", (file, jobName, fileVariable, refusal) => {
    const SECRET = "pg-password-of-the-job-4c1d";

    /** Runs the workflow's check step on a report, with the job's secrets in its environment. */
    async function checkStep(report: string) {
      const job = (await workflow(file)).jobs[jobName]!;
      const step = job.steps.find((candidate) => candidate.name?.startsWith("Check the"))!;
      const workdir = await mkdtemp(join(tmpdir(), "secret-check-"));
      try {
        const summary = join(workdir, "summary.md");
        await writeFile(join(workdir, "report.md"), report);
        await writeFile(summary, "");
        const env = {
          ...process.env,
          [fileVariable]: join(workdir, "report.md"),
          GITHUB_STEP_SUMMARY: summary,
          PG_CONN_STR: `postgres://realm:${SECRET}@db.example/realm_state`,
          REALM_STATE_PASSPHRASE: "passphrase-of-the-job-state",
          KEYCLOAK_CLIENT_SECRET: "keycloak-secret-of-the-job",
        };
        const result = await run("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run!], {
          cwd: root,
          env,
        }).then(
          ({ stdout }) => ({ code: 0, stdout }),
          (error: { code: number; stdout: string }) => error,
        );
        return { ...result, step, summary: await readFile(summary, "utf8") };
      } finally {
        await rm(workdir, { recursive: true, force: true });
      }
    }

    it("summarizes a report that holds none of them", async () => {
      const result = await checkStep("### Keycloak plan\n\nNo changes.\n");
      expect(result.code).toBe(0);
      expect(result.summary).toBe("### Keycloak plan\n\nNo changes.\n");
    });

    it("rejects a report holding the connection string's password: neither summarized nor posted", async () => {
      // WHEN
      const result = await checkStep(`description = "${SECRET}"\n`);

      // THEN
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`::error title=Secret in the`);
      expect(result.stdout).toContain(refusal);
      expect(result.summary).toBe("");
      // The secrets reach the step through env, main's script reads them by name
      expect(result.step.env?.PG_CONN_STR).toBe("${{ secrets.PG_CONN_STR }}");
      expect(result.step.run).toContain(`npx tsx scripts/check-no-secrets.ts "$${fileVariable}" PG_CONN_STR`);
    });
  });

  it("post a refusal instead of a plan that held a secret", async () => {
    // GIVEN
    const job = (await workflow("plan.yml")).jobs.plan;
    const names = job.steps.map((step) => step.id ?? step.name);

    // WHEN
    const planStep = job.steps.find((step) => step.id === "plan")!;
    const commentStep = job.steps.find((step) => step.uses?.startsWith("actions/github-script@"))!;

    // THEN the check runs after the plan and before the comment, which shows the plan only when it passed
    expect(names.indexOf("secrets")).toBe(names.indexOf("plan") + 1);
    expect(names.indexOf("secrets")).toBeLessThan(job.steps.indexOf(commentStep));
    expect(planStep.run).not.toContain("GITHUB_STEP_SUMMARY");
    expect(commentStep.env?.SECRET_CHECK).toBe("${{ steps.secrets.outcome }}");
    expect(commentStep.with?.script).toMatch(
      /if \(secretCheck === "success"\) \{\s+report = fs\.readFileSync\(planFile/,
    );
    expect(commentStep.with?.script).toContain("the plan output contained a secret value; see [the run]");
  });

  it("diff what a pull request changes in code with no secret and a read-only token, leaving the diff as an artifact", async () => {
    // GIVEN
    const text = await source("config-diff.yml");
    const diff = parse(text) as Workflow;
    const job = diff.jobs.diff;

    // WHEN
    const synthStep = job.steps.find((step) => step.name?.startsWith("Synthesize"));
    const upload = job.steps.find((step) => step.uses?.startsWith("actions/upload-artifact@"));

    // THEN the pull request's code runs here: nothing to steal, nothing to write with
    expect(Object.keys(diff.on)).toEqual(["pull_request"]);
    expect(diff.permissions).toEqual({ contents: "read" });
    expect(text).not.toMatch(/secrets\.|environment:/);
    for (const step of job.steps.filter((s) => s.uses?.startsWith("actions/checkout@"))) {
      expect(step.with?.["persist-credentials"]).toBe(false);
    }
    expect(synthStep?.run).toContain("for environment in staging production; do");
    expect(synthStep?.run).toContain("npm ci --ignore-scripts");
    expect(upload?.with).toMatchObject({ name: "config-diff", path: "${{ runner.temp }}/config-diff" });
  });

  it("diff main's synth output and the pull request's into the artifact and the run's summary", async () => {
    // GIVEN both synth outputs where the synth step leaves them
    const runnerTemp = await mkdtemp(join(tmpdir(), "config-diff-workflow-"));
    const job = (await workflow("config-diff.yml")).jobs.diff;
    const fixtures = join(root, "test/fixtures/config-diff");
    try {
      await mkdir(join(runnerTemp, "synth"));
      await cp(join(fixtures, "base"), join(runnerTemp, "synth/main"), { recursive: true });
      await cp(join(fixtures, "head"), join(runnerTemp, "synth/pull-request"), { recursive: true });
      const summary = join(runnerTemp, "summary.md");
      const env = { ...process.env, RUNNER_TEMP: runnerTemp, GITHUB_STEP_SUMMARY: summary, PR_NUMBER: "42" };

      // WHEN the workflow's record and diff steps run
      for (const name of ["Record the pull request's number", "Diff them"]) {
        const step = job.steps.find((candidate) => candidate.name === name)!;
        await run("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run!], { cwd: root, env });
      }

      // THEN
      const artifact = join(runnerTemp, "config-diff");
      expect(await readFile(join(artifact, "pr-number"), "utf8")).toBe("42\n");
      const text = await readFile(join(artifact, "config-diff.txt"), "utf8");
      expect(text).toMatch(/^production: no changes\n\nstaging: 1 added, 2 changed, 1 removed\n/);
      expect(await readFile(summary, "utf8")).toBe(
        `### Synthesized configuration: what this pull request changes\n\`\`\`diff\n${text}\n\`\`\`\n`,
      );
    } finally {
      await rm(runnerTemp, { recursive: true, force: true });
    }
  });

  it("comment the diff from main's code, after the pull request's run, on that pull request only", async () => {
    // GIVEN
    const text = await source("config-diff-comment.yml");
    const comment = parse(text) as Workflow & { on: { workflow_run: { workflows: string[] } } };
    const steps = comment.jobs.comment.steps;

    // WHEN
    const download = steps.find((step) => step.uses?.startsWith("actions/download-artifact@"));
    const poster = steps.find((step) => step.uses?.startsWith("actions/github-script@"));

    // THEN
    expect(Object.keys(comment.on)).toEqual(["workflow_run"]);
    expect(comment.on.workflow_run.workflows).toEqual([(await workflow("config-diff.yml")).name]);
    expect(comment.permissions).toEqual({ contents: "read", actions: "read", "pull-requests": "write" });
    // main's code only: the default checkout, no ref of the pull request
    const checkout = steps.find((step) => step.uses?.startsWith("actions/checkout@"));
    expect(checkout?.with).toEqual({ "persist-credentials": false });
    expect(text).not.toMatch(/head_branch|head\.ref|refs\/pull/);
    expect(download?.with?.["run-id"]).toBe("${{ github.event.workflow_run.id }}");
    expect(poster?.env?.RUN_HEAD_SHA).toBe("${{ github.event.workflow_run.head_sha }}");
    expect(poster?.with?.script).toContain("pull.head.sha !== headSha");
  });

  describe("write the comment from the pull request's artifact", () => {
    async function commentStep(artifact: string) {
      const step = (await workflow("config-diff-comment.yml")).jobs.comment.steps.find((s) => s.id === "comment")!;
      const workdir = await mkdtemp(join(tmpdir(), "config-diff-comment-"));
      try {
        const output = join(workdir, "github-output");
        await writeFile(output, "");
        const env = {
          ...process.env,
          ARTIFACT: join(root, "test/fixtures/config-diff-artifacts", artifact),
          COMMENT_FILE: join(workdir, "comment.md"),
          GITHUB_OUTPUT: output,
          RUN_CONCLUSION: "success",
          RUN_URL: "https://github.com/atlas/realm/actions/runs/7",
          RUN_HEAD_SHA: "0123456789abcdef0123456789abcdef01234567",
          RUN_PULL_REQUESTS: "[\n  42\n]",
        };
        const code = await run("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run!], {
          cwd: root,
          env,
        }).then(
          () => 0,
          (error: { code: number }) => error.code,
        );
        const comment = await readFile(env.COMMENT_FILE, "utf8").catch(() => undefined);
        return { code, output: await readFile(output, "utf8"), comment };
      } finally {
        await rm(workdir, { recursive: true, force: true });
      }
    }

    it("passes the number on and writes the fenced comment", async () => {
      const result = await commentStep("ok");
      expect(result.code).toBe(0);
      expect(result.output).toBe("number=42\n");
      expect(result.comment).toMatch(/^<!-- realm-config-diff -->\n### Synthesized configuration/);
    });

    it("rejects an artifact whose number is not a number: no output, no comment", async () => {
      const result = await commentStep("not-a-number");
      expect(result.code).toBe(1);
      expect(result.output).toBe("");
      expect(result.comment).toBeUndefined();
    });
  });

  it("run every job that reads a secret in a GitHub Environment, so its branch policy and reviewers apply", async () => {
    for (const file of await workflowFiles()) {
      // GIVEN
      const wf = await workflow(file);

      for (const [name, job] of Object.entries(wf.jobs)) {
        // WHEN
        const readsSecrets = JSON.stringify(job.steps).includes("secrets.");

        // THEN
        if (readsSecrets) expect(job.environment, `${file}: ${name}`).toBeDefined();
      }
    }
  });

  it("deploy staging first, and production after it in the production environment", async () => {
    // GIVEN
    const deploy = await workflow("deploy.yml");

    // WHEN
    const { staging, production } = deploy.jobs;

    // THEN
    // Both held for their environment's reviewers; main only, whatever the environments' policies say
    expect(staging.environment).toBe("staging");
    expect(staging.needs).toBeUndefined();
    expect([production.needs].flat()).toEqual(["staging"]);
    expect(production.environment).toBe("production");
    expect([staging.if, production.if]).toEqual(["github.ref == 'refs/heads/main'", "github.ref == 'refs/heads/main'"]);
    for (const [name, job] of Object.entries({ staging, production })) {
      expect(job.concurrency).toEqual({ group: `realm-deploy-${name}`, "cancel-in-progress": false });
      const deployStep = job.steps.find((step) => step.run?.includes("npm run deploy"));
      expect(deployStep?.run).not.toContain("${{");
      expect(deployStep?.env?.ALLOW_DELETE).toBe("${{ inputs.allow_delete }}");
    }
  });

  describe("deploy only the customers a push changed", () => {
    /** Runs the staging job's scope step in a repository whose last push changed `files`; its `customers` output. */
    async function scopeOf(files: Record<string, string>, event = "push", before?: string): Promise<string> {
      const { staging } = (await workflow("deploy.yml")).jobs;
      const step = staging.steps.find((candidate) => candidate.id === "scope")!;
      const repo = await mkdtemp(join(tmpdir(), "push-"));
      try {
        const git = (...args: string[]) =>
          run("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: repo });
        await git("init", "-q");
        await mkdir(join(repo, "customers"));
        await mkdir(join(repo, "lib"));
        await writeFile(join(repo, "customers/acme.yaml"), "a\n");
        await writeFile(join(repo, "lib/environments.ts"), "a\n");
        await git("add", ".");
        await git("commit", "-qm", "before");
        const previous = (await git("rev-parse", "HEAD")).stdout.trim();
        for (const [path, text] of Object.entries(files)) await writeFile(join(repo, path), text);
        await git("add", ".");
        await git("commit", "-qm", "push");
        const out = join(repo, "out");
        await run("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run!], {
          cwd: repo,
          env: { ...process.env, GITHUB_OUTPUT: out, EVENT: event, BEFORE: before ?? previous },
        });
        return (await readFile(out, "utf8")).replace(/^customers=/, "").trim();
      } finally {
        await rm(repo, { recursive: true, force: true });
      }
    }

    it("passes the customer ids of a push that changes customer files only", async () => {
      expect(await scopeOf({ "customers/acme.yaml": "b\n", "customers/globex.yaml": "c\n" })).toBe("acme globex");
    });

    it("deploys everything for a push that changes anything else, a run started by hand, or an unknown previous commit", async () => {
      expect(await scopeOf({ "customers/acme.yaml": "b\n", "lib/environments.ts": "b\n" })).toBe("");
      expect(await scopeOf({ "customers/schema.json": "{}\n" })).toBe("");
      expect(await scopeOf({ "customers/acme.yaml": "b\n" }, "workflow_dispatch")).toBe("");
      expect(await scopeOf({ "customers/acme.yaml": "b\n" }, "push", "0".repeat(40))).toBe("");
    });

    it("hands the ids to both deploys as --customer arguments", async () => {
      const { staging, production } = (await workflow("deploy.yml")).jobs;
      expect(staging.outputs?.customers).toBe("${{ steps.scope.outputs.customers }}");
      const deploySteps = [staging, production].map((job) =>
        job.steps.find((step) => step.run?.includes("npm run deploy")),
      );
      expect(deploySteps.map((step) => step?.env?.CUSTOMERS)).toEqual([
        "${{ steps.scope.outputs.customers }}",
        "${{ needs.staging.outputs.customers }}",
      ]);
      for (const step of deploySteps) expect(step?.run).toContain('args+=(--customer "$id")');
    });
  });

  it("install OpenTofu from its checked release at the pinned version, and build only this repository's provider", async () => {
    const pinned = (await readFile(join(root, "scripts/versions.env"), "utf8")).match(/^OPENTOFU_VERSION=(.+)$/m)?.[1];
    const checked: string[] = [];
    for (const file of await workflowFiles()) {
      for (const [name, job] of Object.entries((await workflow(file)).jobs)) {
        // GIVEN a job that provisions the toolchain
        const toolchain = job.steps.findIndex((step) => step.run === "npm run toolchain");
        if (toolchain < 0) continue;
        checked.push(`${file}: ${name}`);

        // WHEN
        const pins = job.steps.findIndex((step) => step.id === "pins");
        const setup = job.steps.findIndex((step) => step.uses?.startsWith("opentofu/setup-opentofu@"));
        const go = job.steps.find((step) => step.uses?.startsWith("actions/setup-go@"));
        const output = await mkdtemp(join(tmpdir(), "pins-"));
        try {
          await run("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", job.steps[pins]!.run!], {
            cwd: root,
            env: { ...process.env, GITHUB_OUTPUT: join(output, "out") },
          });

          // THEN the action installs versions.env's OpenTofu, unwrapped, before the toolchain looks for one
          expect(await readFile(join(output, "out"), "utf8"), `${file}: ${name}`).toBe(`opentofu=${pinned}\n`);
        } finally {
          await rm(output, { recursive: true, force: true });
        }
        expect(pins, `${file}: ${name}`).toBeGreaterThanOrEqual(0);
        expect(setup, `${file}: ${name}`).toBeGreaterThan(pins);
        expect(setup, `${file}: ${name}`).toBeLessThan(toolchain);
        expect(job.steps[setup]!.with).toEqual({
          tofu_version: "${{ steps.pins.outputs.opentofu }}",
          tofu_wrapper: false,
        });
        // Go builds provider/ only: nothing of OpenTofu's module keys its cache
        expect(go?.with?.["cache-dependency-path"], `${file}: ${name}`).toBe("provider/go.sum");
      }
    }
    expect(checked).toEqual(["deploy.yml: staging", "deploy.yml: production", "drift.yml: drift", "plan.yml: plan"]);
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
