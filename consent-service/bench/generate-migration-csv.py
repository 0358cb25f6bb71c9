#!/usr/bin/env python3
"""Writes a regional-register CSV export of N rows for the migration benchmark, to stdout.

Mostly valid consents (as a real export would be), with 4% incomplete, 3% invalid and 3% whose
scope Mitz cannot express. Clients are distinct valid BSNs (9-digit, 11-test), starting at the
offset given, so two files with different offsets share no client.
"""
import sys

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
offset = int(sys.argv[2]) if len(sys.argv) > 2 else 0
holders = ["00000101", "00000201", "00000301", "00000401", "00000501"]
told = "purpose;recipients;working-method"


def bsns(start):
    # 12 million numbers per offset hold the ~1.1 million valid BSNs a million rows need.
    n = 100_000_000 + (start % 70) * 12_000_000
    while True:
        digits = f"{n:09d}"
        total = sum((9 - i) * int(d) for i, d in enumerate(digits[:8])) - int(digits[8])
        if total % 11 == 0 and total != 0:
            yield digits
        n += 1


out = sys.stdout
out.write("bsn,data_holder_ura,status,date_given,informed_by,informed_method,information,scope,scope_text\n")
clients = bsns(offset)
for i in range(rows):
    bsn = next(clients)
    holder = holders[i % len(holders)]
    kind = i % 100
    if kind < 4:
        row = [bsn, holder, "active", "", "J. de Vries", "oral", told, "permit:*", ""]
    elif kind < 7:
        row = ["999993654", holder, "active", "2024-03-01", "J. de Vries", "oral", told, "permit:*", ""]
    elif kind < 10:
        row = [bsn, holder, "active", "2024-03-01", "J. de Vries", "oral", told, "permit:*;deny:ura=00000201", ""]
    elif kind < 20:
        row = [bsn, holder, "rejected", "2024-02-02", "", "", "", "", ""]
    elif kind < 40:
        row = [bsn, holder, "active", "2023-11-15", "M. Bakker", "written", told, "permit:*;deny:type=JGZ", "behalve JGZ"]
    else:
        row = [bsn, holder, "active", "2024-03-01", "J. de Vries", "oral", told, "permit:*", ""]
    out.write(",".join(row) + "\n")
