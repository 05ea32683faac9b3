import { batchConstraints } from "./batch";
import { coreConstraints } from "./core";
import { eventGridConstraints } from "./eventgrid";
import { eventHubConstraints } from "./eventhub";
import { serviceBusConstraints } from "./servicebus";
import { storageConstraints } from "./storage";
import type { TypeConstraints } from "./types";

/** Azure's constraints per resource type, one table per service (each lists its spec sources). */
export const armConstraints: Readonly<Record<string, TypeConstraints>> = {
  ...coreConstraints,
  ...storageConstraints,
  ...eventHubConstraints,
  ...serviceBusConstraints,
  ...eventGridConstraints,
  ...batchConstraints,
};
