import { resolve } from "node:path";
import { loadCustomers } from "../../../lib/model/load-customers";
import type { Settings } from "../../../lib/model/settings";
import { ValidationError, type Problem } from "../../../lib/model/validation-error";
import { testSettings } from "../test-settings";

/** Fixture folders of customer files, one per rule; messages name files relative to it. */
export const FIXTURES = resolve(import.meta.dirname, "../../fixtures/customers");

/** The error loading a customers folder throws; fails the test when it throws nothing. */
export function refusalIn(directory: string, settings = testSettings(), relativeTo = FIXTURES): ValidationError {
  try {
    loadCustomers({ directory, settings, relativeTo });
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error(`expected ${directory} to be refused`);
}

/** The problems of a folder outside the fixtures (made by a test), named relative to `relativeTo`. */
export function problemsIn(directory: string, settings: Settings, relativeTo: string): Problem[] {
  return [...refusalIn(directory, settings, relativeTo).problems];
}

/** The problems of a fixture folder. */
export function problemsOf(folder: string, settings = testSettings()): Problem[] {
  return [...refusalIn(resolve(FIXTURES, folder), settings).problems];
}
