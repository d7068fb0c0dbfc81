package io.hazardwatch.notify.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Against the worked examples in Alibaba Cloud's signature documentation. */
class AliyunRpcSignatureTest {

    @Test
    void reproducesTheDocumentedDescribeRegionsExample() {
        Map<String, String> params = Map.of(
                "Timestamp", "2016-02-23T12:46:24Z", "Format", "XML", "AccessKeyId", "testid",
                "Action", "DescribeRegions", "SignatureMethod", "HMAC-SHA1",
                "SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", "Version", "2014-05-26",
                "SignatureVersion", "1.0");

        assertThat(AliyunRpcSignature.stringToSign("GET", params)).isEqualTo("GET&%2F&AccessKeyId%3Dtestid"
                + "%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1"
                + "%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0"
                + "%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26");
        assertThat(AliyunRpcSignature.sign("GET", params, "testsecret")).isEqualTo("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    }

    @Test
    void reproducesTheDocumentedSendSmsExample() {
        Map<String, String> params = Map.ofEntries(
                Map.entry("AccessKeyId", "testId"), Map.entry("Action", "SendSms"), Map.entry("Format", "XML"),
                Map.entry("OutId", "123"), Map.entry("PhoneNumbers", "15300000001"),
                Map.entry("RegionId", "cn-hangzhou"), Map.entry("SignName", "阿里云短信测试专用"),
                Map.entry("SignatureMethod", "HMAC-SHA1"),
                Map.entry("SignatureNonce", "45e25e9b-0a6f-4070-8c85-2956eda1b466"),
                Map.entry("SignatureVersion", "1.0"), Map.entry("TemplateCode", "SMS_71390007"),
                Map.entry("TemplateParam", "{\"customer\":\"test\"}"), Map.entry("Timestamp", "2017-07-12T02:42:19Z"),
                Map.entry("Version", "2017-05-25"));

        assertThat(AliyunRpcSignature.sign("GET", params, "testSecret")).isEqualTo("zJDF+Lrzhj/ThnlvIToysFRq6t4=");
    }

    @Test
    void encodesSpaceStarAndTildeTheWayAliyunDoes() {
        assertThat(AliyunRpcSignature.percentEncode("a b*c~d/é")).isEqualTo("a%20b%2Ac~d%2F%C3%A9");
    }

    @Test
    void leavesAnExistingSignatureParameterOutOfTheCanonicalQuery() {
        assertThat(AliyunRpcSignature.canonicalQuery(Map.of("B", "2", "A", "1", "Signature", "x"))).isEqualTo("A=1&B=2");
    }
}
