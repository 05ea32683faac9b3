import { batchTypes } from "./batch";
import { coreTypes } from "./core";
import { eventGridTypes } from "./eventgrid";
import { eventHubTypes } from "./eventhub";
import { serviceBusTypes } from "./servicebus";
import type { SimulatedType } from "./types";

/** Every resource type the simulated ARM knows, one table per service. */
export const simulatedTypes: Record<string, SimulatedType> = {
  ...coreTypes,
  ...eventHubTypes,
  ...serviceBusTypes,
  ...eventGridTypes,
  ...batchTypes,
};
