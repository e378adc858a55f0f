import { defineOutputs } from "../../stacks/outputs";
import { exampleArn, exampleId, perUser } from "../../stacks/examples";

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
    description: "ARN of the application load balancer.",
    example: (c) => exampleArn(c, "elasticloadbalancing", `loadbalancer/app/${c.config.namePrefix}/${exampleId("x", c.config.name).slice(3)}`),
  },
  loadBalancerDnsName: {
    name: "load_balancer_dns_name",
    type: "string",
    description: "DNS name of the load balancer (the Route 53 aliases point here).",
    example: (c) => `${c.config.namePrefix}-123456789.${c.config.region}.elb.amazonaws.com`,
  },
  rstudioUrls: {
    name: "rstudio_urls",
    type: "map",
    description: "RStudio URL of each data scientist, by user name.",
    example: (c) => perUser(c, (user) => `https://${user}.${c.config.dns.rstudioDomain}`),
  },
  shinyUrl: {
    name: "shiny_url",
    type: "string",
    description: "URL of the shared Shiny Server (empty when disabled).",
    example: (c) => (c.config.shiny.enabled ? `https://${c.config.shiny.host}` : ""),
  },
});
