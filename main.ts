import { App } from "cdktf";
import { environments } from "./environments";
import { buildApp } from "./stacks/app";

buildApp(new App(), environments).synth();
