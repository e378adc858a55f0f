/** Types of rotation.js for the TypeScript tests; the Lambda itself runs the plain JavaScript. */
export interface RotationClient {
  describeSecret(input: { SecretId: string }): Promise<{ RotationEnabled?: boolean; VersionIdsToStages?: Record<string, string[]> }>;
  getSecretValue(input: { SecretId: string; VersionId: string; VersionStage: string }): Promise<{ SecretString?: string }>;
  getRandomPassword(input: { PasswordLength: number; ExcludeCharacters: string; RequireEachIncludedType: boolean }): Promise<{ RandomPassword?: string }>;
  putSecretValue(input: { SecretId: string; ClientRequestToken: string; SecretString: string; VersionStages: string[] }): Promise<unknown>;
  updateSecretVersionStage(input: { SecretId: string; VersionStage: string; MoveToVersionId: string; RemoveFromVersionId?: string }): Promise<unknown>;
}

export interface RotationEvent {
  SecretId: string;
  ClientRequestToken: string;
  Step: string;
}

export function createRotation(client: RotationClient): (event: RotationEvent) => Promise<string>;
export const PASSWORD_LENGTH: number;
export const EXCLUDE_CHARACTERS: string;
