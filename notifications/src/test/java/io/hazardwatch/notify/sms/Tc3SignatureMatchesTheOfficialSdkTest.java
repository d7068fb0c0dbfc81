package io.hazardwatch.notify.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.sms.v20210111.SmsClient;
import com.tencentcloudapi.sms.v20210111.models.SendSmsRequest;
import com.tencentcloudapi.sms.v20210111.models.SendSmsResponse;
import io.hazardwatch.notify.LocalProvider;
import io.hazardwatch.notify.LocalProvider.Received;
import io.hazardwatch.notify.LocalProvider.Reply;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The official Tencent Cloud SDK sends SendSms to a local server, which accepts it only if
 * {@link Tc3Signature} computes the same Authorization: our signer agrees with Tencent's own code.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Tc3SignatureMatchesTheOfficialSdkTest {

    @Test
    void ourAuthorizationEqualsTheOneTheSdkSent(Vertx vertx) throws Exception {
        LocalProvider tencent = LocalProvider.start(vertx);
        try {
            // the SDK names the service after the endpoint's first label: "127" for 127.0.0.1, "sms" in production
            tencent.answer(r -> TencentSmsNotifierTest.authorizationIsValid(r, "127")
                    ? Reply.json(200, "{\"Response\":{\"SendStatusSet\":[],\"RequestId\":\"sdk-ok\"}}")
                    : Reply.json(200, "{\"Response\":{\"Error\":{\"Code\":\"AuthFailure.SignatureFailure\","
                            + "\"Message\":\"mismatch\"},\"RequestId\":\"sdk-bad\"}}"));
            HttpProfile http = new HttpProfile();
            http.setEndpoint(tencent.baseUrl().substring("http://".length()));
            http.setProtocol("http://");
            ClientProfile profile = new ClientProfile();
            profile.setHttpProfile(http);
            SmsClient sdk = new SmsClient(new Credential(TencentSmsNotifierTest.SECRET_ID,
                    TencentSmsNotifierTest.SECRET_KEY), "ap-guangzhou", profile);
            SendSmsRequest request = new SendSmsRequest();
            request.setPhoneNumberSet(new String[] {"+8613800138000"});
            request.setSmsSdkAppId("1400000001");
            request.setSignName("园区应急");
            request.setTemplateId("1234567");
            request.setTemplateParamSet(new String[] {"氨气 2 级报警", "SECOND"});

            SendSmsResponse response = sdk.SendSms(request);

            Received r = tencent.only();
            assertThat(r.header("Authorization")).startsWith("TC3-HMAC-SHA256");
            assertThat(response.getRequestId()).isEqualTo("sdk-ok");
        } finally {
            tencent.stop();
        }
    }
}
