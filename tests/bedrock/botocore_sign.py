"""Signs tests/bedrock/sigv4_cases.json with botocore's SigV4Auth and prints,
per case, the name and the headers it adds, in the format of
sigv4_print (the C++ side); run_test.sh compares the two outputs.

Uses botocore's real add_auth path; only the clock is fixed, by patching
botocore.auth.get_current_datetime as botocore's own tests patch datetime.
Exits non-zero when botocore is missing: the comparison must not pass
without it.
"""

import datetime
import json
import sys
from unittest import mock

try:
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
except ImportError as e:
    sys.exit(f"botocore_sign.py: botocore is not installed ({e}); "
             "run tests/bedrock/install.sh")

# Defaults for fields a case leaves out (test values, not real keys).
DEFAULTS = {
    "access_key_id": "AKIAIOSFODNN7EXAMPLE",
    "secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "session_token": "",
    "service": "bedrock",
}


def sign(case):
    case = {**DEFAULTS, **case}
    credentials = Credentials(case["access_key_id"],
                              case["secret_access_key"],
                              case["session_token"] or None)
    request = AWSRequest(method=case["method"], url=case["url"],
                         data=case["body"].encode("utf-8"))
    for name, value in case["headers"]:
        if name in request.headers:  # a repeated header: keep both values
            request.headers.add_header(name, value)
        else:
            request.headers[name] = value
    now = datetime.datetime.strptime(case["time"], "%Y%m%dT%H%M%SZ")
    with mock.patch("botocore.auth.get_current_datetime", return_value=now):
        SigV4Auth(credentials, case["service"], case["region"]).add_auth(
            request)
    added = ["X-Amz-Date", "X-Amz-Security-Token", "Authorization"]
    return [(n, request.headers[n]) for n in added if n in request.headers]


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        cases = json.load(f)
    for case in cases:
        print(case["name"])
        for name, value in sign(case):
            print(f"  {name}: {value}")


if __name__ == "__main__":
    main()
