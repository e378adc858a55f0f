import { createRotation, EXCLUDE_CHARACTERS } from "../functions/password-rotation/rotation";

const SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rs/rstudio/ada/password-AbCdEf";

class NotFound extends Error {
  name = "ResourceNotFoundException";
}

/** An in-memory Secrets Manager with just the calls the rotation makes. */
function fakeSecretsManager(stages: Record<string, string[]>, rotationEnabled = true) {
  const values: Record<string, string> = {};
  const calls: string[] = [];
  return {
    calls,
    stages,
    values,
    client: {
      describeSecret: async () => ({ RotationEnabled: rotationEnabled, VersionIdsToStages: stages }),
      getSecretValue: async ({ VersionId }: any) => {
        calls.push(`get ${VersionId}`);
        if (!(VersionId in values)) throw new NotFound();
        return { SecretString: values[VersionId] };
      },
      getRandomPassword: async (input: any) => {
        calls.push(`random ${input.PasswordLength} ${input.ExcludeCharacters === EXCLUDE_CHARACTERS}`);
        return { RandomPassword: "s3cret-generated-in-aws" };
      },
      putSecretValue: async ({ ClientRequestToken, SecretString }: any) => {
        calls.push(`put ${ClientRequestToken}`);
        values[ClientRequestToken] = SecretString;
      },
      updateSecretVersionStage: async (input: any) => {
        calls.push(`stage ${input.MoveToVersionId} from ${input.RemoveFromVersionId ?? "none"}`);
      },
    },
  };
}

describe("password rotation", () => {
  it("generates the first password inside Secrets Manager and makes it current", async () => {
    const fake = fakeSecretsManager({ v1: ["AWSPENDING"] });
    const rotate = createRotation(fake.client);
    for (const step of ["createSecret", "setSecret", "testSecret", "finishSecret"]) {
      await rotate({ SecretId: SECRET, ClientRequestToken: "v1", Step: step });
    }
    expect(fake.values).toEqual({ v1: "s3cret-generated-in-aws" });
    expect(fake.calls).toEqual(["get v1", "random 24 true", "put v1", "stage v1 from none"]);
  });

  it("moves AWSCURRENT away from the previous version on later rotations", async () => {
    const fake = fakeSecretsManager({ v1: ["AWSCURRENT"], v2: ["AWSPENDING"] });
    await createRotation(fake.client)({ SecretId: SECRET, ClientRequestToken: "v2", Step: "finishSecret" });
    expect(fake.calls).toEqual(["stage v2 from v1"]);
  });

  it("does not generate twice when Secrets Manager retries createSecret", async () => {
    const fake = fakeSecretsManager({ v1: ["AWSPENDING"] });
    fake.values.v1 = "already-there";
    const result = await createRotation(fake.client)({ SecretId: SECRET, ClientRequestToken: "v1", Step: "createSecret" });
    expect(result).toBe("pending-exists");
    expect(fake.calls).toEqual(["get v1"]);
  });

  it("refuses a secret without rotation and a version that is not pending", async () => {
    await expect(
      createRotation(fakeSecretsManager({ v1: ["AWSPENDING"] }, false).client)({ SecretId: SECRET, ClientRequestToken: "v1", Step: "createSecret" }),
    ).rejects.toThrow("rotation is not enabled");
    await expect(
      createRotation(fakeSecretsManager({ v1: ["AWSPREVIOUS"] }).client)({ SecretId: SECRET, ClientRequestToken: "v1", Step: "createSecret" }),
    ).rejects.toThrow("is not pending rotation");
  });

  it("excludes characters that break the s6 environment or the login form", () => {
    for (const character of ["$", "\"", "'", "`", "\\", " "]) expect(EXCLUDE_CHARACTERS).toContain(character);
  });
});
