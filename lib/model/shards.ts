import { createHash } from "node:crypto";
import type { Settings } from "./settings";

/** Shards an environment's customers may be spread over; each is a stack with its own state. */
export const MAX_CUSTOMER_SHARDS = 64;

/**
 * The shard (1 to `count`) that holds a customer: from a hash of its id, so it never depends on which
 * other customers exist, and adding one moves nobody.
 */
export function shardOf(customerId: string, count: number): number {
  if (!Number.isInteger(count) || count < 1 || count > MAX_CUSTOMER_SHARDS) {
    throw new Error(`customer shards must be a whole number from 1 to ${MAX_CUSTOMER_SHARDS}, got ${count}`);
  }
  return (createHash("sha256").update(customerId).digest().readUInt32BE(0) % count) + 1;
}

/** How many stacks hold an environment's customers: 1 keeps them in the environment's own stack. */
export function shardCount(settings: Pick<Settings, "customers">): number {
  return settings.customers?.shards ?? 1;
}

/** The stack of customer shard `shard` of environment `environment`, e.g. `production-customers-3`. */
export function shardStackName(environment: string, shard: number): string {
  return `${environment}-customers-${shard}`;
}

/**
 * The stacks of an environment in the order they deploy: its own (the realm, its clients and, without
 * shards, the customers), then each customer shard.
 */
export function stackNames(environment: string, settings: Pick<Settings, "customers">): string[] {
  const count = shardCount(settings);
  return count === 1 ? [environment] : [environment, ...customerStacks(environment, count)];
}

/** The stacks that hold an environment's customers when they are spread over `count` shards. */
export function customerStacks(environment: string, count: number): string[] {
  return count === 1 ? [environment] : Array.from({ length: count }, (_, i) => shardStackName(environment, i + 1));
}

/** The stack that holds customer `customerId` of an environment. */
export function stackOfCustomer(
  environment: string,
  settings: Pick<Settings, "customers">,
  customerId: string,
): string {
  const count = shardCount(settings);
  return count === 1 ? environment : shardStackName(environment, shardOf(customerId, count));
}
