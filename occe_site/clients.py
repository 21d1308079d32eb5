"""The client's address, resolved the same way for everything that counts or locks by client:
the admin's login lockout (django-axes, through AXES_CLIENT_IP_CALLABLE), the password reset
and newsletter rate limits.

Behind a reverse proxy every request comes from the proxy, and the client's address is in
X-Forwarded-For, where each proxy appends the address it received the request from. A client can
write anything in that header before the first proxy, so only what trusted proxies appended
counts: settings.TRUSTED_PROXIES lists their addresses or networks. Walking back from
REMOTE_ADDR, the client is the first address that is not a trusted proxy. With TRUSTED_PROXIES
empty, gunicorn faces clients directly: REMOTE_ADDR is the client and X-Forwarded-For is ignored.

Limits count by `client_key()`: the address itself for IPv4, its /64 network for IPv6, since a
single subscriber line is given a whole /64 and can change addresses within it at will.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings

IPV6_CLIENT_PREFIX = 64

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def parse_address(value: str) -> Address | None:
    """An address from a header entry, without the port some proxies add; None if it is not one."""
    value = value.strip()
    if value.startswith("["):  # [2001:db8::1]:443
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:  # 192.0.2.1:443
        value = value.partition(":")[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped  # ::ffff:192.0.2.1 is 192.0.2.1
    return address


def is_trusted_proxy(address: Address | None) -> bool:
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    return address is not None and any(address in network for network in networks)


def _resolve(request) -> Address | None:
    client = parse_address(request.META.get("REMOTE_ADDR", ""))
    if not is_trusted_proxy(client):
        return client
    for entry in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = parse_address(entry)
        if address is None:
            break  # not appended by a proxy of ours: nothing further left can be believed
        client = address
        if not is_trusted_proxy(address):
            break
    return client


def client_ip(request) -> str | None:
    """The client's address as text, or None when the request carries none."""
    address = _resolve(request)
    return str(address) if address is not None else None


def client_key(request) -> str | None:
    """What limits and lockouts count by: the IPv4 address, or the first address of the IPv6
    client's /64 network (a valid address, so that django-axes can store it)."""
    address = _resolve(request)
    if isinstance(address, ipaddress.IPv6Address):
        network = ipaddress.IPv6Network((address, IPV6_CLIENT_PREFIX), strict=False)
        return str(network.network_address)
    return str(address) if address is not None else None
