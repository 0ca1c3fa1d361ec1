import { readdirSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const lib = resolve(root, "lib");

/** The layers of lib/, in the order the data goes through them; lib/environments.ts is input, like the model. */
const LAYERS = ["model", "constructs", "operations"] as const;

function layerOf(file: string): number {
  const folder = relative(lib, file).split("/")[0];
  return folder === "environments.ts" ? 0 : LAYERS.indexOf(folder as (typeof LAYERS)[number]);
}

/** Every import of every lib/ file: the file, what it names, and that resolved when relative. */
function imports() {
  const files = readdirSync(lib, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ts"))
    .map((name) => resolve(lib, name));
  return files.flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/(?:from|import)\s*["']([^"']+)["']/g)].map(([, specifier]) => ({
      file,
      specifier: specifier!,
      target: specifier!.startsWith(".") ? resolve(dirname(file), specifier!) : undefined,
    })),
  );
}

const shown = ({ file, specifier }: { file: string; specifier: string }) => `${relative(root, file)} → ${specifier}`;

describe("lib/'s folders", () => {
  it("import only from their own folder or one the data went through before", () => {
    // GIVEN every relative import between lib/'s folders
    const between = imports().filter(({ target }) => target?.startsWith(`${lib}/`));

    // WHEN one reaches a later folder (the model into constructs or operations, a construct into operations)
    const backwards = between.filter(({ file, target }) => layerOf(target!) > layerOf(file));

    // THEN there is none: the model knows nothing of Keycloak resources, a construct nothing of the engine
    expect(between.length).toBeGreaterThan(0);
    expect(backwards.map(shown)).toEqual([]);
  });

  it("leave CDK (cdktn, constructs, the provider bindings in .gen/) to lib/constructs/", () => {
    // GIVEN every import of CDK code in lib/
    const cdk = imports().filter(
      ({ specifier, target }) =>
        specifier === "cdktn" || specifier === "constructs" || target?.startsWith(`${resolve(root, ".gen")}/`),
    );

    // WHEN one is outside lib/constructs/
    const outside = cdk.filter(({ file }) => !file.startsWith(`${lib}/constructs/`));

    // THEN there is none
    expect(cdk.length).toBeGreaterThan(0);
    expect(outside.map(shown)).toEqual([]);
  });
});
