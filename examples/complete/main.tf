# All four layers called from plain HCL, outputs wired to inputs: the whole platform in one root
# module. Run from this folder: terraform init && terraform plan.

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
  region = var.region
  default_tags {
    tags = { Project = "analytics-platform", ManagedBy = "terraform" }
  }
}

variable "region" {
  type        = string
  description = "Region of the platform."
  default     = "eu-west-1"
}

variable "account_id" {
  type        = string
  description = "Account the platform lives in."
  default     = "123456789012"
}

locals {
  name = "analytics"
  users = {
    ada   = {}
    grace = { cpu = 2048, memory = 8192 }
  }
}

module "network" {
  source = "../../terraform-modules/network"

  name       = local.name
  account_id = var.account_id
  vpc_cidr   = "10.40.0.0/16"
  zones = {
    "eu-west-1a" = { public_subnet_cidr = "10.40.128.0/20", private_subnet_cidr = "10.40.0.0/19" }
    "eu-west-1b" = { public_subnet_cidr = "10.40.144.0/20", private_subnet_cidr = "10.40.32.0/19" }
  }
  nat_gateway_mode = "single"
}

module "security" {
  source = "../../terraform-modules/security"

  name           = local.name
  account_id     = var.account_id
  vpc_id         = module.network.vpc_id
  allowed_cidrs  = ["203.0.113.0/24"]
  hosted_zone_id = "Z0123456789ABCDEFGHIJ"
  rstudio_domain = "rstudio.example.com"
  shiny_domain   = "shiny.example.com"
  users          = local.users

  sftp_allowed_cidrs = ["198.51.100.0/24"]

  # Cognito sign-in in front of Shiny (the workload module adds it to the Shiny listener rule).
  create_shiny_sign_in = true
}

module "storage" {
  source = "../../terraform-modules/storage"

  name       = local.name
  account_id = var.account_id
  users      = local.users

  # SFTP uploads from one partner network, synced into EFS every hour and on upload.
  sftp_enabled = true
  sftp_users = {
    partner = { ssh_public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq8rCJ4uP3r8bWZ1d0JvEwQ8m7cQm1pF0o3m0nQ2Yx7 partner@example" }
  }
  backup_retention_days = 35

  vpc_id                          = module.network.vpc_id
  public_subnet_ids               = module.network.public_subnet_ids
  private_subnet_ids_by_zone      = module.network.private_subnet_ids_by_zone
  storage_kms_key_arn             = module.security.storage_kms_key_arn
  logs_kms_key_arn                = module.security.logs_kms_key_arn
  efs_security_group_id           = module.security.efs_security_group_id
  sftp_security_group_id          = module.security.sftp_security_group_id
  datasync_security_group_id      = module.security.datasync_security_group_id
  sync_function_security_group_id = module.security.sync_function_security_group_id
  rstudio_task_role_arn           = module.security.rstudio_task_role_arn
  shiny_task_role_arn             = module.security.shiny_task_role_arn
}

module "workload" {
  source = "../../terraform-modules/workload"

  name           = local.name
  hosted_zone_id = "Z0123456789ABCDEFGHIJ"
  rstudio_domain = "rstudio.example.com"
  shiny_domain   = "shiny.example.com"
  users          = local.users

  # Office hours only, and Shiny's extra tasks on Spot.
  rstudio_schedule_start    = "cron(0 7 ? * MON-FRI *)"
  rstudio_schedule_stop     = "cron(0 20 * * ? *)"
  rstudio_schedule_timezone = "Europe/Dublin"
  shiny_fargate_spot        = true
  shiny_sign_in             = true

  vpc_id             = module.network.vpc_id
  public_subnet_ids  = module.network.public_subnet_ids
  private_subnet_ids = module.network.private_subnet_ids

  exec_kms_key_arn             = module.security.exec_kms_key_arn
  logs_kms_key_arn             = module.security.logs_kms_key_arn
  alb_security_group_id        = module.security.alb_security_group_id
  rstudio_security_group_id    = module.security.rstudio_security_group_id
  shiny_security_group_id      = module.security.shiny_security_group_id
  rstudio_execution_role_arn   = module.security.rstudio_execution_role_arn
  rstudio_task_role_arn        = module.security.rstudio_task_role_arn
  shiny_execution_role_arn     = module.security.shiny_execution_role_arn
  shiny_task_role_arn          = module.security.shiny_task_role_arn
  web_acl_arn                  = module.security.web_acl_arn
  certificate_arn              = module.security.certificate_arn
  rstudio_password_secret_arns = module.security.rstudio_password_secret_arns
  shiny_user_pool_arn          = module.security.shiny_user_pool_arn
  shiny_user_pool_client_id    = module.security.shiny_user_pool_client_id
  shiny_user_pool_domain       = module.security.shiny_user_pool_domain

  efs_file_system_id            = module.storage.efs_file_system_id
  rstudio_home_access_point_ids = module.storage.rstudio_home_access_point_ids
  shiny_apps_access_point_id    = module.storage.shiny_apps_access_point_id
  data_access_point_id          = module.storage.data_access_point_id
  log_bucket_name               = module.storage.log_bucket_name
  rstudio_repository_url        = module.storage.rstudio_repository_url
  shiny_repository_url          = module.storage.shiny_repository_url
  athena_workgroup_name         = module.storage.athena_workgroup_name
  athena_results_location       = module.storage.athena_results_location
}

output "rstudio_urls" {
  description = "RStudio URL of each data scientist."
  value       = module.workload.rstudio_urls
}

output "shiny_url" {
  description = "URL of the shared Shiny Server."
  value       = module.workload.shiny_url
}
