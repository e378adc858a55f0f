import * as ipaddr from "ipaddr.js";

/** An IPv4 network in CIDR notation, with its first address as a 32-bit number. */
export interface Ipv4Network {
  readonly cidr: string;
  readonly base: number;
  readonly prefixLength: number;
}

const toNumber = (address: ipaddr.IPv4): number =>
  address.toByteArray().reduce((acc, byte) => acc * 256 + byte, 0);

const toAddress = (value: number): string =>
  [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");

/**
 * Parses an IPv4 CIDR strictly: four-part decimal address, prefix 0-32 and no host bits set
 * ("10.0.0.1/16" is rejected, it is almost always a typo).
 * Returns the reason as a string when the value is not a network.
 */
export function parseIpv4Network(value: string): Ipv4Network | string {
  const [address, prefix, ...rest] = value.split("/");
  if (rest.length > 0 || prefix === undefined || !/^\d{1,2}$/.test(prefix)) {
    return "must be an IPv4 CIDR such as 10.0.0.0/16";
  }
  if (!ipaddr.IPv4.isValidFourPartDecimal(address)) {
    return "must be an IPv4 CIDR such as 10.0.0.0/16";
  }
  const prefixLength = Number(prefix);
  if (prefixLength > 32) {
    return "prefix length must be between 0 and 32";
  }
  const base = toNumber(ipaddr.IPv4.parse(address));
  const size = 2 ** (32 - prefixLength);
  if (base % size !== 0) {
    return `host bits are set; the network address is ${toAddress(base - (base % size))}/${prefixLength}`;
  }
  return { cidr: value, base, prefixLength };
}

export function networksOverlap(a: Ipv4Network, b: Ipv4Network): boolean {
  const aEnd = a.base + 2 ** (32 - a.prefixLength);
  const bEnd = b.base + 2 ** (32 - b.prefixLength);
  return a.base < bEnd && b.base < aEnd;
}

/** Terraform's cidrsubnet(): the netNumber-th subnet with newBits more prefix bits. */
export function cidrSubnet(network: Ipv4Network, newBits: number, netNumber: number): string {
  const prefixLength = network.prefixLength + newBits;
  if (prefixLength > 32 || netNumber >= 2 ** newBits || netNumber < 0) {
    throw new RangeError(`cannot carve subnet ${netNumber} of /${prefixLength} from ${network.cidr}`);
  }
  return `${toAddress(network.base + netNumber * 2 ** (32 - prefixLength))}/${prefixLength}`;
}
