import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIFF_LIMIT, fenceFor, MARKER, renderComment } from "../../../scripts/config-diff-comment";

const root = resolve(import.meta.dirname, "../../..");
const artifacts = resolve(root, "test/fixtures/config-diff-artifacts");
const run = promisify(execFile);
const HEAD_SHA = "0123456789abcdef0123456789abcdef01234567";
const RUN_URL = "https://github.com/atlas/realm/actions/runs/7";

describe("scripts/config-diff-comment.ts", () => {
  let workdir: string;
  beforeEach(async () => {
    workdir = await mkdtemp(join(tmpdir(), "config-diff-comment-"));
  });
  afterEach(async () => {
    await rm(workdir, { recursive: true, force: true });
  });

  /** Runs the script as the comment workflow does, with the workflow_run event's values in the environment. */
  async function comment(artifact: string, event: Record<string, string> = {}) {
    const commentFile = join(workdir, "comment.md");
    const env = {
      PATH: process.env.PATH,
      RUN_CONCLUSION: "success",
      RUN_URL,
      RUN_HEAD_SHA: HEAD_SHA,
      RUN_PULL_REQUESTS: "[42]",
      ...event,
    };
    const tsx = resolve(root, "node_modules/.bin/tsx");
    return run(tsx, ["scripts/config-diff-comment.ts", artifact, commentFile], { cwd: root, env }).then(
      async ({ stdout, stderr }) => ({ code: 0, stdout, stderr, comment: await readFile(commentFile, "utf8") }),
      (error: { code: number; stdout: string; stderr: string }) => ({ ...error, comment: undefined }),
    );
  }

  it("puts the diff in a fence its backticks cannot close, under the marker, and prints the number", async () => {
    // GIVEN an artifact whose diff holds ``` and ````` (a description a pull request chose)
    const diff = await readFile(join(artifacts, "ok/config-diff.txt"), "utf8");

    // WHEN
    const result = await comment(join(artifacts, "ok"));

    // THEN
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("42\n");
    expect(result.comment).toBe(
      `${MARKER}\n### Synthesized configuration: what this pull request changes\n\n` +
        `\`\`\`\`\`\`diff\n${diff}\`\`\`\`\`\`\n\n` +
        `<sub>Commit ${HEAD_SHA} · [run](${RUN_URL}) · synthesized by the pull request's own code, no secrets involved: advisory, review the code change itself</sub>\n`,
    );
  });

  it("takes the number when GitHub lists no pull request for the run (a fork's)", async () => {
    const result = await comment(join(artifacts, "ok"), { RUN_PULL_REQUESTS: "[]" });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("42\n");
  });

  it("says there is no diff when the run did not succeed, whatever the artifact holds", async () => {
    const result = await comment(join(artifacts, "ok"), { RUN_CONCLUSION: "failure" });
    expect(result.code).toBe(0);
    expect(result.comment).toContain(`**No diff:** the run ended with \`failure\`; see [the run](${RUN_URL}).`);
    expect(result.comment).not.toContain("keycloak_openid_client");
  });

  it.each([
    ["not-a-number", {}, "pr-number is not a pull request number"],
    ["no-number", {}, "the artifact holds no pr-number"],
    ["ok", { RUN_PULL_REQUESTS: "[7, 8]" }, "pr-number 42 is not a pull request of the run (7, 8)"],
    ["ok", { RUN_HEAD_SHA: "main" }, "RUN_HEAD_SHA is not a commit"],
  ])("rejects the artifact %s (%j): %s", async (artifact, event, message) => {
    // WHEN
    const result = await comment(join(artifacts, artifact), event);

    // THEN
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`ERROR: refused the artifact: ${message}`);
    expect(result.comment).toBeUndefined();
  });

  it("rejects an artifact whose files are symlinks: it reads no file of the runner", async () => {
    // GIVEN
    const artifact = join(workdir, "artifact");
    await run("mkdir", [artifact]);
    await writeFile(join(artifact, "pr-number"), "42\n");
    await symlink("/etc/hostname", join(artifact, "config-diff.txt"));

    // WHEN
    const result = await comment(artifact);

    // THEN
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`ERROR: refused the artifact: ${artifact}/config-diff.txt is not a regular file`);
  });

  it("caps a long diff at a line end and says where the rest is", () => {
    // GIVEN
    const line = `+     description = "${"x".repeat(70)}"\n`;
    const diff = line.repeat(2000);

    // WHEN
    const text = renderComment({ diff, conclusion: "success", runUrl: RUN_URL, headSha: HEAD_SHA });

    // THEN
    expect(text.length).toBeLessThan(65_536);
    expect(text).toContain(`${line}\`\`\`\n`);
    expect(text.split(line).length - 1).toBe(Math.floor(DIFF_LIMIT / line.length));
    expect(text).toContain("_The diff is too long for a comment: the rest is in the summary of [the run]");
  });

  it("replaces control characters, keeping tabs and newlines", () => {
    const text = renderComment({
      diff: "a\tb\u001b[31mc\rd\n",
      conclusion: "success",
      runUrl: RUN_URL,
      headSha: HEAD_SHA,
    });
    expect(text).toContain("a\tb\ufffd[31mc\ufffdd\n");
  });

  it("makes a fence of at least three backticks, one longer than the text's longest run", () => {
    expect(fenceFor("no backticks")).toBe("```");
    expect(fenceFor("``` and `````")).toBe("``````");
  });
});
