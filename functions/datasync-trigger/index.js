"use strict";

// The Lambda entry point: binds the trigger logic to the AWS SDK v3 that the Node.js runtime ships.
const { DataSyncClient, DescribeTaskCommand, StartTaskExecutionCommand } = require("@aws-sdk/client-datasync");
const { createTrigger } = require("./trigger");

const sdk = new DataSyncClient({});

exports.handler = createTrigger(
  {
    describeTask: (input) => sdk.send(new DescribeTaskCommand(input)),
    startTaskExecution: (input) => sdk.send(new StartTaskExecutionCommand(input)),
  },
  { taskArn: process.env.TASK_ARN, prefix: process.env.SOURCE_PREFIX },
);
