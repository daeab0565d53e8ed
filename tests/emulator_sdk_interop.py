"""Interop of the emulator with the official Huawei Cloud Python SDK (huaweicloudsdkmodelarts).

The SDK is the independent side: it builds, serializes and signs every request itself, so a
signing bug shared by the emulator and this project's Rust signer cannot hide here.

    .venv/bin/python tests/emulator_sdk_interop.py [PATH/TO/hc-emulator]

Without a path (as scripts/test.sh runs it) it builds the emulator with cargo (a no-op when it is up
to date) and uses target/debug/hc-emulator (or $CARGO_TARGET_DIR/debug/hc-emulator).
Starts the emulator on a free port with its own credentials, then: ModelArtsClient with AK/SK (and
with a temporary AK/SK + security token) creates, lists, gets and deletes clusters; a signature
tampered with after the SDK's Signer signed, a stale X-Sdk-Date and a wrong SK are refused with 401
APIGW.0301. The last line is "N passed, M failed"; the exit code is 0 only when nothing failed.
"""

import http.client
import json
import os
import re
import subprocess
import sys
import threading
import time
import traceback
from datetime import datetime, timedelta, timezone

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer
from huaweicloudsdkmodelarts.v1 import (
    CreateHyperClusterRequest,
    DeleteHyperClusterRequest,
    GetHyperClusterRequest,
    HyperClusterCreateRequest,
    ListHyperClusterRequest,
    ModelArtsClient,
)

PROJECT = "0123456789abcdef0123456789abcdef"
AK, SK = "INTEROPAK00000000000", "interop-secret-key-0000000000000000000000"
STS_AK, STS_SK, STS_TOKEN = "INTEROPSTSAK00000000", "interop-sts-secret-key", "interop-security-token"
SUBNET = "47be1c96-b00c-4cc9-83cb-089893a632b6"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
REQUEST_ID = re.compile(r"^[0-9a-f]{32}$")

results = {"passed": 0, "failed": 0}


def check(name, test):
    try:
        test()
    except Exception:  # noqa: BLE001 - every failure is reported, then counted
        results["failed"] += 1
        print(f"FAIL {name}")
        traceback.print_exc()
    else:
        results["passed"] += 1
        print(f"ok   {name}")


def emulator_binary():
    if len(sys.argv) > 2:
        raise SystemExit("usage: emulator_sdk_interop.py [PATH/TO/hc-emulator]")
    if len(sys.argv) == 2:
        return sys.argv[1]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    subprocess.run(
        ["cargo", "build", "--quiet", "-p", "modelarts-hyper-cluster-emulator", "--bin", "hc-emulator"],
        cwd=root,
        check=True,
    )
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(root, "target")
    return os.path.join(root, target, "debug", "hc-emulator")


def start_emulator(binary):
    process = subprocess.Popen(
        [binary, "--port", "0", "--quiet", "--ak", AK, "--sk", SK, "--sts", f"{STS_AK}:{STS_SK}:{STS_TOKEN}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    found = {}

    def read_stdout():
        for line in process.stdout:
            if line.startswith("Emulator listening on ") and "url" not in found:
                found["url"] = line.strip().removeprefix("Emulator listening on ")

    threading.Thread(target=read_stdout, daemon=True).start()
    deadline = time.monotonic() + 30
    while "url" not in found:
        if process.poll() is not None:
            raise SystemExit(f"the emulator exited with {process.returncode}: {process.stderr.read()}")
        if time.monotonic() > deadline:
            process.kill()
            raise SystemExit("the emulator printed no URL within 30 s")
        time.sleep(0.02)
    return process, found["url"]


def client(url, credentials):
    config = HttpConfig.get_default_config()
    config.ignore_ssl_verification = True
    config.timeout = (5, 10)
    return (
        ModelArtsClient.new_builder()
        .with_http_config(config)
        .with_credentials(credentials)
        .with_endpoint(url)
        .build()
    )


def expect_client_error(call, status, code, needle=None):
    try:
        call()
    except ClientRequestException as error:
        assert error.status_code == status, f"status {error.status_code}: {error}"
        assert error.error_code == code, f"error_code {error.error_code}: {error}"
        assert REQUEST_ID.match(error.request_id or ""), f"request id {error.request_id!r}"
        if needle:
            assert needle in error.error_msg, f"{needle!r} not in {error.error_msg!r}"
        return error
    raise AssertionError(f"expected HTTP {status} {code}, got success")


def signed_by_sdk(url, method, path, body=b"", date=None, credentials=(AK, SK), content_type="application/json"):
    """A request signed by the SDK's own Signer; `date` (a datetime) fixes X-Sdk-Date."""
    host = url.removeprefix("http://")
    headers = {"Content-Type": content_type, "X-Project-Id": PROJECT}
    if date is not None:
        headers["X-Sdk-Date"] = date.strftime("%Y%m%dT%H%M%SZ")
    request = SdkRequest(
        method=method,
        schema="http",
        host=host,
        resource_path=path,
        query_params=[],
        header_params=headers,
        body=body,
    )
    Signer(BasicCredentials(*credentials, PROJECT)).sign(request)
    return host, request


def send(host, request, body=None, headers=None):
    connection = http.client.HTTPConnection(host, timeout=10)
    payload = request.body if body is None else body
    sent = dict(request.header_params if headers is None else headers)
    connection.request(request.method, request.uri, body=payload or None, headers=sent)
    response = connection.getresponse()
    answer = (response.status, response.getheader("X-Request-Id"), response.read())
    connection.close()
    return answer


def expect_401(answer, needle):
    status, request_id, body = answer
    assert status == 401, f"status {status}: {body!r}"
    assert REQUEST_ID.match(request_id or ""), request_id
    error = json.loads(body)
    assert error["error_code"] == "APIGW.0301", error
    assert needle in error["error_msg"], error


def main():
    process, url = start_emulator(emulator_binary())
    collection = f"/v1/{PROJECT}/dev-servers/hyper-clusters"
    try:
        permanent = client(url, BasicCredentials(AK, SK, PROJECT))
        temporary = client(url, BasicCredentials(STS_AK, STS_SK, PROJECT).with_security_token(STS_TOKEN))
        created = {}

        def create_list_get_delete():
            body = HyperClusterCreateRequest(name="sdk-hps-01", hyper_cluster_subnet_id=SUBNET, type="HPS")
            response = permanent.create_hyper_cluster(CreateHyperClusterRequest(body=body))
            assert UUID.match(response.id), response.id
            assert response.name == "sdk-hps-01"
            assert len(response.network_info) == 1
            assert response.network_info[0].hyper_cluster_subnet_id == SUBNET
            assert response.network_info[0].is_default is True
            created["id"] = response.id

            listed = permanent.list_hyper_cluster(ListHyperClusterRequest())
            assert [c.id for c in listed.hyper_clusters] == [response.id], listed
            listed = permanent.list_hyper_cluster(ListHyperClusterRequest(type="HPS"))
            assert [c.name for c in listed.hyper_clusters] == ["sdk-hps-01"]
            assert permanent.list_hyper_cluster(ListHyperClusterRequest(type="ECS")).hyper_clusters == []

            got = permanent.get_hyper_cluster(GetHyperClusterRequest(id=response.id, type="HPS"))
            assert (got.id, got.name) == (response.id, "sdk-hps-01")
            assert got.network_info[0].hyper_cluster_subnet_id == SUBNET

            deleted = permanent.delete_hyper_cluster(DeleteHyperClusterRequest(id=response.id, type="HPS"))
            assert deleted.body is None or isinstance(deleted.body, dict), deleted
            expect_client_error(
                lambda: permanent.get_hyper_cluster(GetHyperClusterRequest(id=response.id)), 404, "ModelArts.4040"
            )
            assert permanent.list_hyper_cluster(ListHyperClusterRequest()).hyper_clusters == []

        def temporary_credentials_and_ecs():
            body = HyperClusterCreateRequest(name="sdk-ecs-01", type="ECS")
            response = temporary.create_hyper_cluster(CreateHyperClusterRequest(body=body))
            assert UUID.match(response.network_info[0].hyper_cluster_subnet_id)
            names = [c.name for c in temporary.list_hyper_cluster(ListHyperClusterRequest(type="ECS")).hyper_clusters]
            assert names == ["sdk-ecs-01"], names
            expect_client_error(
                lambda: temporary.get_hyper_cluster(GetHyperClusterRequest(id=response.id)), 404, "ModelArts.4040"
            )
            temporary.delete_hyper_cluster(DeleteHyperClusterRequest(id=response.id, type="ECS"))

        def validation_errors_reach_the_sdk():
            body = HyperClusterCreateRequest(name="has space", hyper_cluster_subnet_id="NOT-A-UUID", type="hps")
            error = expect_client_error(
                lambda: permanent.create_hyper_cluster(CreateHyperClusterRequest(body=body)), 400, "ModelArts.4001"
            )
            for param in ("name ", "hyper_cluster_subnet_id ", "type "):
                assert param in error.error_msg, error.error_msg

        def wrong_secret_key():
            wrong = client(url, BasicCredentials(AK, SK + "x", PROJECT))
            expect_client_error(
                lambda: wrong.list_hyper_cluster(ListHyperClusterRequest()),
                401,
                "APIGW.0301",
                "verify aksk signature fail",
            )

        def missing_security_token():
            no_token = client(url, BasicCredentials(STS_AK, STS_SK, PROJECT))
            expect_client_error(
                lambda: no_token.list_hyper_cluster(ListHyperClusterRequest()),
                401,
                "APIGW.0301",
                "X-Security-Token",
            )

        def signer_requests_pass_untouched():
            body = json.dumps({"name": "signer-01", "type": "HPS"}).encode()
            host, request = signed_by_sdk(url, "POST", collection, body, content_type="application/json;charset=UTF-8")
            status, _, answer = send(host, request)
            assert status == 200, answer
            cluster = json.loads(answer)
            host, request = signed_by_sdk(url, "DELETE", f"{collection}/{cluster['id']}")
            status, _, answer = send(host, request)
            assert status == 200, answer

        def tampered_body():
            body = json.dumps({"name": "signer-02"}).encode()
            host, request = signed_by_sdk(url, "POST", collection, body)
            expect_401(send(host, request, body=json.dumps({"name": "signer-03"}).encode()), "verify aksk signature fail")

        def tampered_signature():
            host, request = signed_by_sdk(url, "GET", collection)
            headers = dict(request.header_params)
            authorization = headers["Authorization"]
            headers["Authorization"] = authorization[:-1] + ("0" if authorization[-1] != "0" else "1")
            expect_401(send(host, request, headers=headers), "verify aksk signature fail")

        def tampered_header():
            host, request = signed_by_sdk(url, "GET", collection)
            headers = dict(request.header_params)
            headers["Content-Type"] = "application/json;charset=UTF-8"
            expect_401(send(host, request, headers=headers), "verify aksk signature fail")

        def stale_date():
            stale = datetime.now(timezone.utc).replace(tzinfo=None) - timedelta(minutes=16)
            host, request = signed_by_sdk(url, "GET", collection, date=stale)
            expect_401(send(host, request), "signature expired")
            fresh = datetime.now(timezone.utc).replace(tzinfo=None) - timedelta(minutes=14)
            host, request = signed_by_sdk(url, "GET", collection, date=fresh)
            status, _, answer = send(host, request)
            assert status == 200, answer

        for name, test in [
            ("ModelArtsClient (AK/SK): create, list, get, delete", create_list_get_delete),
            ("ModelArtsClient (temporary AK/SK + security token): ECS create, list, delete", temporary_credentials_and_ecs),
            ("ModelArtsClient: field errors come back as 400 ModelArts.4001 naming each parameter", validation_errors_reach_the_sdk),
            ("ModelArtsClient with a wrong SK: 401 APIGW.0301", wrong_secret_key),
            ("ModelArtsClient with a temporary AK but no security token: 401", missing_security_token),
            ("Signer-signed requests sent as signed: accepted", signer_requests_pass_untouched),
            ("Signer-signed request with the body changed afterwards: 401", tampered_body),
            ("Signer-signed request with the signature changed: 401", tampered_signature),
            ("Signer-signed request with a signed header changed: 401", tampered_header),
            ("Signer-signed request dated 16 minutes ago: 401 signature expired (14 minutes: accepted)", stale_date),
        ]:
            check(name, test)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
    print(f"{results['passed']} passed, {results['failed']} failed")
    sys.exit(1 if results["failed"] else 0)


if __name__ == "__main__":
    main()
