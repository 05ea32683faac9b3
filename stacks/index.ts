// Entry point of the Pulumi program (Pulumi.yaml `main`). Stack outputs are this module's exports.
import { buildStack } from "./program";

export = buildStack();
