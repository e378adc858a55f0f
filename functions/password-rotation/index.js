"use strict";

// The Lambda entry point: binds the rotation logic to the AWS SDK v3 that the Node.js runtime ships.
const {
  SecretsManagerClient,
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
} = require("@aws-sdk/client-secrets-manager");
const { createRotation } = require("./rotation");

const sdk = new SecretsManagerClient({});

exports.handler = createRotation({
  describeSecret: (input) => sdk.send(new DescribeSecretCommand(input)),
  getRandomPassword: (input) => sdk.send(new GetRandomPasswordCommand(input)),
  getSecretValue: (input) => sdk.send(new GetSecretValueCommand(input)),
  putSecretValue: (input) => sdk.send(new PutSecretValueCommand(input)),
  updateSecretVersionStage: (input) => sdk.send(new UpdateSecretVersionStageCommand(input)),
});
