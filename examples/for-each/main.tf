# One network module call per team, with for_each: the modules have no provider or backend
# block, so count, for_each and depends_on work on them.

terraform {
  required_version = ">= 1.11.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100.0, < 6.0.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

variable "account_id" {
  type        = string
  description = "Account the networks live in."
  default     = "123456789012"
}

locals {
  teams = {
    genomics = "10.50.0.0/16"
    finance  = "10.60.0.0/16"
  }
  zones = ["eu-west-1a", "eu-west-1b"]
}

module "network" {
  source   = "../../terraform-modules/network"
  for_each = local.teams

  name       = each.key
  account_id = var.account_id
  vpc_cidr   = each.value
  zones = {
    for index, zone in local.zones : zone => {
      private_subnet_cidr = cidrsubnet(each.value, 3, index)
      public_subnet_cidr  = cidrsubnet(each.value, 4, 8 + index)
    }
  }
  nat_gateway_mode           = "single"
  create_interface_endpoints = false
}

output "vpc_ids" {
  description = "VPC of each team."
  value       = { for team, network in module.network : team => network.vpc_id }
}
