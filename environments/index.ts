import { EnvironmentInput } from "../config/schema";
import dev from "./dev";
import staging from "./staging";
import prod from "./prod";

/** Every environment the app synthesizes, in promotion order. */
export const environments: readonly EnvironmentInput[] = [dev, staging, prod];
