"""Signs request descriptions with the official Huawei Cloud Python SDK (the oracle of
tests/signer_differential.rs).

Reads one JSON document on standard input:

    {"cases": [{"method": "POST", "host": "h:8080", "resource_path": "/v1/a%2Fb",
                "query": [["k", "v"], ...],        # decoded (key, value) pairs, in URL order
                "headers": [["Name", "value"], ...],  # sent headers, without Host / X-Sdk-Date
                "body": "...",                     # the body text (sent as its UTF-8 bytes)
                "ak": "...", "sk": "...",
                "security_token": null | "...",    # temporary credentials
                "project_id": null | "...",        # X-Project-Id, added by the credentials
                "date": "20250101T000000Z"}, ...]}

and writes {"results": [{"authorization": "...", "headers": [[name, value], ...]} | {"error": "..."}]}
on standard output, one result per case, in order.

Each case goes through the SDK's own path: `BasicCredentials(ak, sk, project_id)` with
`with_security_token(...)`, whose `sign_request` adds X-Project-Id and X-Security-Token to the
headers and hands the request to `huaweicloudsdkcore.signer.signer.Signer` (the default
SDK-HMAC-SHA256 algorithm). The date is fixed by setting X-Sdk-Date before signing, which the
Signer reads back instead of the clock.
"""

import json
import sys

from huaweicloudsdkcore.auth.credentials import BasicCredentials, Credentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.algorithm import SigningAlgorithm
from huaweicloudsdkcore.signer.signer import Signer


def sign(case):
    headers = {}
    for name, value in case["headers"]:
        headers[name] = value
    headers["X-Sdk-Date"] = case["date"]
    request = SdkRequest(
        method=case["method"],
        schema="https",
        host=case["host"],
        resource_path=case["resource_path"],
        query_params=[(key, value) for key, value in case["query"]],
        header_params=headers,
        body=case["body"].encode("utf-8"),
    )
    credentials = BasicCredentials(case["ak"], case["sk"], case.get("project_id"))
    if case.get("security_token") is not None:
        credentials = credentials.with_security_token(case["security_token"])
    signed = credentials.sign_request(request)
    return {
        "authorization": signed.header_params["Authorization"],
        "headers": [[name, value] for name, value in signed.header_params.items()],
    }


def main():
    # The oracle must be the plain SDK-HMAC-SHA256 signer, not a derived or other algorithm.
    if SigningAlgorithm.get_default() is not SigningAlgorithm.HMAC_SHA256:
        raise SystemExit("the SDK's default signing algorithm is no longer SDK-HMAC-SHA256")
    if Credentials._SIGNER_CASE[SigningAlgorithm.HMAC_SHA256] is not Signer:
        raise SystemExit("the SDK no longer signs SDK-HMAC-SHA256 with huaweicloudsdkcore.signer.signer.Signer")
    # Bytes, so the locale cannot change how the UTF-8 input is read.
    cases = json.loads(sys.stdin.buffer.read())["cases"]
    results = []
    for case in cases:
        try:
            results.append(sign(case))
        except Exception as error:  # reported per case, so one odd input does not hide the others
            results.append({"error": "%s: %s" % (type(error).__name__, error)})
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()
