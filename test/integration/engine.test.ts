import { execFile } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { cdktn, copyFixture } from "./cdktn-cli";
import { requireEnvironment } from "./prerequisites";

const run = promisify(execFile);

async function engineVersion(engine: string): Promise<string> {
  const { stdout } = await run(engine, ["version", "-json"]);
  return JSON.parse(stdout).terraform_version;
}

describe("the Terraform engine behind cdktn", () => {
  const engine = requireEnvironment("TERRAFORM_BINARY_NAME");
  let project: string;

  afterAll(async () => {
    if (project) await rm(project, { recursive: true, force: true });
  });

  it("applies and destroys a stack with the engine named by TERRAFORM_BINARY_NAME", async () => {
    // GIVEN
    project = await copyFixture("engine-smoke");
    const stateFile = join(project, "terraform.engine-smoke.tfstate");

    // WHEN
    await cdktn(["deploy", "engine-smoke", "--auto-approve"], { cwd: project });

    // THEN the state was written by the toolchain's engine, not by whatever else is on PATH
    const deployed = JSON.parse(await readFile(stateFile, "utf8"));
    expect(deployed.terraform_version).toBe(await engineVersion(engine));
    expect(deployed.outputs.greeting.value).toBe("applied by cdktn");

    // WHEN
    await cdktn(["destroy", "engine-smoke", "--auto-approve"], { cwd: project });

    // THEN
    const destroyed = JSON.parse(await readFile(stateFile, "utf8"));
    expect(destroyed.outputs).toEqual({});
  });
});
