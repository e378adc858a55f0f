import { defineOutputs } from "../../stacks/outputs";
import { exampleArn, exampleId, perActiveUser } from "../../stacks/output-examples";

export const workloadOutputs = defineOutputs({
  clusterName: {
    name: "ecs_cluster_name",
    type: "string",
    description: "Name of the ECS cluster.",
    example: (c) => c.config.namePrefix,
  },
  loadBalancerArn: {
    name: "load_balancer_arn",
    type: "string",
    description: "ARN of the first application load balancer (the one serving Shiny).",
    example: (c) => exampleArn(c, "elasticloadbalancing", `loadbalancer/app/${c.config.namePrefix}/${exampleId("x", c.config.name).slice(3)}`),
  },
  loadBalancerDnsName: {
    name: "load_balancer_dns_name",
    type: "string",
    description: "DNS name of the first load balancer (the one serving Shiny).",
    example: (c) => `${c.config.namePrefix}-123456789.${c.config.region}.elb.amazonaws.com`,
  },
  loadBalancerDnsNames: {
    name: "load_balancer_dns_names",
    type: "map",
    description: "DNS name of every load balancer, by key (\"0\" carries Shiny; each user is on the one their load_balancer names).",
    example: (c) => ({ "0": `${c.config.namePrefix}-123456789.${c.config.region}.elb.amazonaws.com` }),
  },
  rstudioUrls: {
    name: "rstudio_urls",
    type: "map",
    description: "RStudio URL of each data scientist, by user name.",
    example: (c) => perActiveUser(c, (user) => `https://${user}.${c.config.dns.rstudioDomain}`),
  },
  shinyUrl: {
    name: "shiny_url",
    type: "string",
    description: "URL of the shared Shiny Server (empty when disabled).",
    example: (c) => (c.config.shiny.enabled ? `https://${c.config.shiny.host}` : ""),
  },
});
