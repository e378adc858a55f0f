import { networkModule } from "../../modules/network/module";
import { securityModule } from "../../modules/security/module";
import { storageModule } from "../../modules/storage/module";
import { workloadModule } from "../../modules/workload/module";
import { LayerModule } from "../../stacks/module-stack";

/** Where the synthesized modules are committed: git-sourced modules need the files in the repo. */
export const MODULES_DIR = "terraform-modules";

/** The provider versions the modules accept; the tests plan them with 5.100.0 from the offline mirror. */
export const PROVIDER_RANGE = ">= 5.100.0, < 6.0.0";

export const LAYER_MODULES: readonly LayerModule[] = [networkModule, securityModule, storageModule, workloadModule];
