package dev.umhub.ingest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An IPv4 or IPv6 address range in CIDR notation ("203.0.113.0/24", "::1/128", or a bare address). */
public record Cidr(byte[] network, int prefix) {

    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        if (!address.matches("[0-9a-fA-F:.]+")) {
            // only literal addresses: a host name here would make every check a DNS lookup
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        try {
            byte[] net = InetAddress.getByName(address).getAddress();
            int prefix = slash < 0 ? net.length * 8 : Integer.parseInt(t.substring(slash + 1));
            if (prefix < 0 || prefix > net.length * 8) {
                throw new IllegalArgumentException("bad prefix length in " + text);
            }
            return new Cidr(net, prefix);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR range: " + text, e);
        }
    }

    public boolean contains(String address) {
        try {
            byte[] a = InetAddress.getByName(address).getAddress();
            if (a.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            if (!Arrays.equals(Arrays.copyOf(a, full), Arrays.copyOf(network, full))) {
                return false;
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (a[full] & mask) == (network[full] & mask);
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
