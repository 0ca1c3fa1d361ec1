import { ValidationError } from "../model/validation-error";

/*
 * Imported first by every command (main.ts, scripts/*.ts), so it is in place before lib/environments.ts
 * validates the settings while modules load, where no try of the command can catch the error.
 * A ValidationError is the operator's input refused: its message, exit code 1, no stack trace.
 * Anything else is a defect and is shown with its stack, as Node would.
 */
process.on("uncaughtException", (error) => {
  console.error(error instanceof ValidationError ? error.message : error);
  process.exit(1);
});
