/**
 * Fargate task sizes AWS accepts (Linux), as CPU units -> allowed memory in MiB.
 * Source: Amazon ECS Developer Guide, "Task CPU and memory".
 */
const range = (from: number, to: number, step: number): number[] =>
  Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);

export const FARGATE_SIZES: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
  8192: range(16384, 61440, 4096),
  16384: range(32768, 122880, 8192),
};

export function isValidFargateSize(cpu: number, memory: number): boolean {
  return FARGATE_SIZES[cpu]?.includes(memory) ?? false;
}

export function describeFargateMemory(cpu: number): string {
  const memories = FARGATE_SIZES[cpu];
  if (!memories) {
    return `cpu must be one of ${Object.keys(FARGATE_SIZES).join(", ")}`;
  }
  return `with cpu ${cpu}, memory must be one of ${memories.join(", ")}`;
}
