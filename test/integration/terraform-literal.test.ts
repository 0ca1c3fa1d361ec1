import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { App, TerraformOutput, TerraformStack } from "cdktn";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { literal } from "../../lib/model/terraform-literal";
import { unsafeTextProblem } from "../../lib/model/text-rules";
import { anyText, INJECTIONS } from "../unit/model/text-arbitraries";
import { requireEnvironment } from "./prerequisites";

const run = promisify(execFile);

describe("text escaped for the configuration, as the real engine reads it", () => {
  const engine = requireEnvironment("TERRAFORM_BINARY_NAME");
  let directory: string;

  afterAll(async () => {
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it("comes back exactly as written, for injection payloads and 500 arbitrary texts the rules accept (property)", async () => {
    // GIVEN each text as validation passes it on (in NFC; without control characters, which make the
    // engine take a whole string literally, unescaped), escaped, as an output of a provider-less stack
    const texts = [...INJECTIONS, ...fc.sample(anyText, { numRuns: 600 })]
      .map((text) => text.normalize("NFC"))
      .filter((text) => unsafeTextProblem(text) === undefined)
      .slice(0, 500 + INJECTIONS.length);
    directory = await mkdtemp(join(tmpdir(), "terraform-literal-"));
    const app = new App({ outdir: directory });
    const stack = new TerraformStack(app, "literal");
    texts.forEach((text, index) => new TerraformOutput(stack, `text${index}`, { value: literal(text) }));
    app.synth();
    const stackDirectory = join(directory, "stacks", "literal");

    // WHEN the engine applies it (a file() or directive it evaluated would change the value)
    const options = { cwd: stackDirectory, env: { ...process.env, CHECKPOINT_DISABLE: "1" } };
    await run(engine, ["init", "-input=false", "-no-color"], options);
    await run(engine, ["apply", "-auto-approve", "-input=false", "-no-color", "-state=literal.tfstate"], options);

    // THEN every output is the text itself
    const state = JSON.parse(await readFile(join(stackDirectory, "literal.tfstate"), "utf8")) as {
      outputs: Record<string, { value: string }>;
    };
    const read = texts.map((_, index) => state.outputs[`text${index}`]?.value);
    expect(read).toEqual(texts);
  });
});
