import { cidrSubnet, networksOverlap, parseIpv4Network, Ipv4Network } from "../config/cidr";
import { FARGATE_SIZES, isValidFargateSize } from "../config/fargate";

const network = (cidr: string) => parseIpv4Network(cidr) as Ipv4Network;

describe("cidr", () => {
  it.each([
    ["10.0.0.0/16", 16],
    ["0.0.0.0/0", 0],
    ["192.0.2.7/32", 32],
  ])("accepts %s", (cidr, prefix) => {
    expect(network(cidr).prefixLength).toBe(prefix);
  });

  it.each(["10.0.0.0", "10.0.0.0/", "10.0.0.0/16/1", "10.0.0/16", "256.0.0.0/8", "010.0.0.0/8", "10.0.0.0/x"])("rejects %s", (cidr) => {
    expect(typeof parseIpv4Network(cidr)).toBe("string");
  });

  it("computes subnets like Terraform's cidrsubnet()", () => {
    expect(cidrSubnet(network("10.0.0.0/16"), 3, 1)).toBe("10.0.32.0/19");
    expect(cidrSubnet(network("10.0.0.0/16"), 4, 8)).toBe("10.0.128.0/20");
    expect(cidrSubnet(network("10.10.0.0/20"), 4, 9)).toBe("10.10.9.0/24");
    expect(() => cidrSubnet(network("10.0.0.0/30"), 4, 0)).toThrow(RangeError);
  });

  it("detects overlap in both directions and not for neighbours", () => {
    expect(networksOverlap(network("10.0.0.0/16"), network("10.0.5.0/24"))).toBe(true);
    expect(networksOverlap(network("10.0.5.0/24"), network("10.0.0.0/16"))).toBe(true);
    expect(networksOverlap(network("10.0.0.0/24"), network("10.0.1.0/24"))).toBe(false);
  });
});

describe("Fargate sizes", () => {
  it.each([
    [256, 512, true],
    [256, 4096, false],
    [1024, 8192, true],
    [4096, 30720, true],
    [4096, 31744, false],
    [8192, 20480, true],
    [8192, 18432, false],
    [3000, 4096, false],
  ])("cpu %i with memory %i is valid: %s", (cpu, memory, valid) => {
    expect(isValidFargateSize(cpu, memory)).toBe(valid);
  });

  it("lists AWS's seven CPU sizes", () => {
    expect(Object.keys(FARGATE_SIZES).map(Number)).toEqual([256, 512, 1024, 2048, 4096, 8192, 16384]);
  });
});
