import { App } from "cdktf";
import { loadCustomers } from "./lib/load-customers";
import { RealmStack } from "./lib/realm-stack";
import { settings } from "./lib/settings";
import { ValidationError } from "./lib/validation-error";

try {
  // Every customer file is validated before anything is synthesized, so a bad one stops the deploy here.
  const customers = loadCustomers({ directory: "customers", settings });
  const app = new App();
  new RealmStack(app, "realm", { settings, customers });
  app.synth();
} catch (error) {
  if (!(error instanceof ValidationError)) throw error;
  console.error(error.message);
  process.exit(1);
}
