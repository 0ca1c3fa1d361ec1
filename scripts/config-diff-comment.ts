// The pull-request comment of the configuration diff, from the artifact of an untrusted run:
//   tsx scripts/config-diff-comment.ts <artifact folder> <comment file>
// The artifact comes from a `pull_request` run of the pull request's own code, so everything in it is
// data from whoever opened the pull request: `pr-number` must be a number (and one of the run's pull
// requests when GitHub lists them), `config-diff.txt` is capped and shown in a code fence it cannot
// close. Environment (from the workflow_run event, which GitHub fills in): RUN_CONCLUSION, RUN_URL,
// RUN_HEAD_SHA, RUN_PULL_REQUESTS (a JSON array of numbers; empty for pull requests from forks).
// Writes the comment to <comment file> and prints the pull request's number; exit 1 when the
// artifact is refused.
import { closeSync, lstatSync, openSync, readSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** Finds the comment again on the next run: it is updated in place, never duplicated. */
export const MARKER = "<!-- realm-config-diff -->";
/** A comment holds at most 65,536 characters; the rest of the comment needs far less than the margin. */
export const DIFF_LIMIT = 60_000;
/** Read no more of a file than this, however large the artifact claims it is. */
const READ_LIMIT = 1024 * 1024;

export class ArtifactError extends Error {}

/** At most `limit` bytes of a regular file (never a symlink, FIFO or device), or undefined if absent. */
function readRegularFile(file: string, limit: number): string | undefined {
  let stats;
  try {
    stats = lstatSync(file);
  } catch {
    return undefined;
  }
  if (!stats.isFile()) throw new ArtifactError(`${file} is not a regular file`);
  const buffer = Buffer.alloc(Math.min(stats.size, limit));
  const fd = openSync(file, "r");
  try {
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read).toString("utf8");
  } finally {
    closeSync(fd);
  }
}

/** The pull request's number from the artifact, checked against what the run itself says. */
export function pullRequestNumber(text: string | undefined, runPullRequests: readonly number[]): number {
  if (text === undefined) throw new ArtifactError("the artifact holds no pr-number");
  const match = /^([1-9][0-9]{0,9})\n?$/.exec(text);
  if (!match) throw new ArtifactError("pr-number is not a pull request number");
  const number = Number(match[1]);
  if (runPullRequests.length > 0 && !runPullRequests.includes(number)) {
    throw new ArtifactError(`pr-number ${number} is not a pull request of the run (${runPullRequests.join(", ")})`);
  }
  return number;
}

/** A code fence longer than any run of backticks in the text, so the text cannot close it. */
export function fenceFor(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  return "`".repeat(Math.max(3, longest + 1));
}

export interface CommentProps {
  /** The diff as the run wrote it; undefined when the run failed before writing it. */
  readonly diff?: string;
  /** The run's conclusion: anything but `success` shows no diff. */
  readonly conclusion: string;
  readonly runUrl: string;
  readonly headSha: string;
}

/** The comment's Markdown: the diff verbatim inside a fence, capped, with the commit and the run. */
export function renderComment(props: CommentProps): string {
  const title = "### Synthesized configuration: what this pull request changes";
  // The pull request's own code made this diff, so it can make it say anything: an aid to review,
  // never a substitute for reading the code change.
  const footer =
    `<sub>Commit ${props.headSha} · [run](${props.runUrl}) · synthesized by the pull request's own code, ` +
    "no secrets involved: advisory, review the code change itself</sub>";
  if (props.conclusion !== "success" || props.diff === undefined) {
    return `${MARKER}\n${title}\n\n**No diff:** the run ended with \`${props.conclusion}\`; see [the run](${props.runUrl}).\n\n${footer}\n`;
  }
  // Control characters other than tab and newline could garble the comment; the rest is shown as is.
  let diff = props.diff.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "\ufffd");
  let note = "";
  if (diff.length > DIFF_LIMIT) {
    diff = diff.slice(0, diff.lastIndexOf("\n", DIFF_LIMIT) + 1 || DIFF_LIMIT);
    note = `\n_The diff is too long for a comment: the rest is in the summary of [the run](${props.runUrl})._\n`;
  }
  if (!diff.endsWith("\n")) diff += "\n";
  const fence = fenceFor(diff);
  return `${MARKER}\n${title}\n\n${fence}diff\n${diff}${fence}\n${note}\n${footer}\n`;
}

function main(args: readonly string[]): number {
  const [artifact, commentFile] = args;
  if (!artifact || !commentFile) {
    process.stderr.write("usage: tsx scripts/config-diff-comment.ts <artifact folder> <comment file>\n");
    return 1;
  }
  const { RUN_CONCLUSION = "", RUN_URL = "", RUN_HEAD_SHA = "", RUN_PULL_REQUESTS = "[]" } = process.env;
  try {
    if (!/^[0-9a-f]{40}$/.test(RUN_HEAD_SHA)) throw new ArtifactError("RUN_HEAD_SHA is not a commit");
    const listed = JSON.parse(RUN_PULL_REQUESTS) as unknown;
    if (!Array.isArray(listed) || !listed.every((n) => Number.isSafeInteger(n))) {
      throw new ArtifactError("RUN_PULL_REQUESTS is not a JSON array of numbers");
    }
    const number = pullRequestNumber(readRegularFile(join(artifact, "pr-number"), 64), listed as number[]);
    const diff = readRegularFile(join(artifact, "config-diff.txt"), READ_LIMIT);
    writeFileSync(
      commentFile,
      renderComment({ diff, conclusion: RUN_CONCLUSION, runUrl: RUN_URL, headSha: RUN_HEAD_SHA }),
    );
    process.stdout.write(`${number}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof ArtifactError)) throw error;
    process.stderr.write(`ERROR: refused the artifact: ${error.message}\n`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) process.exit(main(process.argv.slice(2)));
