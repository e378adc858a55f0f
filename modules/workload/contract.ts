import { defineOutputs } from "../../stacks/outputs";

export const workloadOutputs = defineOutputs({
  clusterName: { name: "ecs_cluster_name", type: "string", description: "Name of the ECS cluster." },
  loadBalancerArn: { name: "load_balancer_arn", type: "string", description: "ARN of the application load balancer." },
  loadBalancerDnsName: {
    name: "load_balancer_dns_name",
    type: "string",
    description: "DNS name of the load balancer (the Route 53 aliases point here).",
  },
  rstudioUrls: { name: "rstudio_urls", type: "map", description: "RStudio URL of each data scientist, by user name." },
  shinyUrl: { name: "shiny_url", type: "string", description: "URL of the shared Shiny Server (empty when disabled)." },
});
