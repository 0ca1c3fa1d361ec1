import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { customerJsonSchema } from "../../lib/model/customer-file";
import { loadCustomers } from "../../lib/model/load-customers";
import { customerRules as settings } from "../../lib/environments";

const root = resolve(import.meta.dirname, "../..");

describe("this repository's customers", () => {
  it("are all valid against the configured settings", () => {
    const customers = loadCustomers({ directory: resolve(root, "customers"), settings, relativeTo: root });
    expect(customers.length).toBeGreaterThanOrEqual(2);
  });

  it("come with a schema.json generated from the same schema (npm run schema)", () => {
    const committed = JSON.parse(readFileSync(resolve(root, "customers/schema.json"), "utf8"));
    expect(committed).toEqual(customerJsonSchema(settings));
  });

  it("each reference schema.json for editor completion", () => {
    const customers = loadCustomers({ directory: resolve(root, "customers"), settings, relativeTo: root });
    for (const customer of customers) {
      expect(readFileSync(resolve(root, customer.file), "utf8"), customer.file).toMatch(
        /^# yaml-language-server: \$schema=\.\/schema\.json$/m,
      );
    }
  });
});
