/** Reads a variable that `npm run toolchain` writes to .toolchain/env, or fails saying how to get it. */
export function requireEnvironment(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: the integration tests need the project's toolchain. ` +
        "Run 'npm run toolchain' once, then 'npm test' (which loads .toolchain/env), " +
        "or 'source .toolchain/env' before running vitest yourself.",
    );
  }
  return value;
}
