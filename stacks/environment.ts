import { Construct } from "constructs";
import { Annotations } from "cdktf";
import { EnvironmentConfig } from "../config/load";
import { NetworkLayer, networkOutputs } from "../modules/network";
import { SecurityLayer, securityOutputs } from "../modules/security";
import { StorageLayer, storageOutputs } from "../modules/storage";
import { WorkloadLayer, workloadOutputs } from "../modules/workload";
import { exportOutputs } from "./outputs";
import { networkInputs, securityInputs, storageInputs, workloadInputs } from "./layer-inputs";
import { LayerStack } from "./layer-stack";

/** The four layer stacks of one environment. */
export interface EnvironmentStacks {
  readonly network: LayerStack;
  readonly security: LayerStack;
  readonly storage: LayerStack;
  readonly workload: LayerStack;
}

/**
 * Wires one environment: each layer reads the layers below it from their remote state (readable
 * output names, stack dependencies for `cdktf deploy` ordering) and publishes its own outputs.
 */
export function addEnvironment(scope: Construct, config: EnvironmentConfig): EnvironmentStacks {
  const network = new LayerStack(scope, config, "network");
  const networkLayer = network.addLayer((layer, id) => new NetworkLayer(layer, id, networkInputs(config)));
  exportOutputs(network, networkOutputs, networkLayer.outputs);

  const security = new LayerStack(scope, config, "security");
  const securityLayer = security.addLayer(
    (layer, id) => new SecurityLayer(layer, id, securityInputs(config), security.readLayer(network, networkOutputs)),
  );
  exportOutputs(security, securityOutputs, securityLayer.outputs);
  warnAboutPurge(config, security);

  const storage = new LayerStack(scope, config, "storage");
  const storageLayer = storage.addLayer(
    (layer, id) =>
      new StorageLayer(layer, id, storageInputs(config), {
        ...storage.readLayer(network, networkOutputs),
        ...storage.readLayer(security, securityOutputs),
      }),
  );
  exportOutputs(storage, storageOutputs, storageLayer.outputs);
  warnAboutPurge(config, storage);

  const workload = new LayerStack(scope, config, "workload");
  const workloadLayer = workload.addLayer(
    (layer, id) =>
      new WorkloadLayer(layer, id, workloadInputs(config), {
        ...workload.readLayer(network, networkOutputs),
        ...workload.readLayer(security, securityOutputs),
        ...workload.readLayer(storage, storageOutputs),
      }),
  );
  exportOutputs(workload, workloadOutputs, workloadLayer.outputs);

  return { network, security, storage, workload };
}

/** Purging lifts protection from every home and password of the environment: say so loudly. */
function warnAboutPurge(config: EnvironmentConfig, stack: LayerStack): void {
  if (config.rstudio.purgeUsers.length === 0) return;
  Annotations.of(stack).addWarning(
    `rstudio.purgeUsers (${config.rstudio.purgeUsers.join(", ")}) lifts prevent_destroy from every home and password of environment "${config.name}" for this change; review the plan, then remove the entries`,
  );
}
