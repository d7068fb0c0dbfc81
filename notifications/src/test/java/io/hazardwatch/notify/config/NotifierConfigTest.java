package io.hazardwatch.notify.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.notify.Samples;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifierConfigTest {

    /** Every credential used below: none may show up in toString. */
    static final List<String> SECRETS = List.of("ali-secret-value", "wecom-key-value", "ding-token-value",
            "ding-sign-value", "feishu-hook-value", "feishu-sign-value", "push-token-value", "dispatch-secret-value",
            "hook-sign-value");

    /** The file holds no credentials; they come from the environment, as in production. */
    static final String FILE = """
            notify.sms.provider = aliyun
            notify.sms.aliyun.access-key-id = LTAI5tExample
            notify.sms.sign-name = 园区应急
            notify.sms.template-code = SMS_465312345
            notify.sms.template-params = {"level":"${level}","site":"${subject}"}
            notify.wecom.robots = duty-room
            notify.dingtalk.robots = grid-3, squad
            notify.dingtalk.per-minute = 10
            notify.feishu.robots = squad
            notify.feishu.message-type = text
            notify.push.url = https://push.park.example/v1/push
            notify.webhook.url = https://gw.park.example/hooks
            notify.webhook.body-template = {"text":"${body}"}
            notify.dispatch.url = https://dispatch.park.example/incidents
            notify.dispatch.format = cap
            """;

    static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HW_NOTIFY_SMS_ALIYUN_ACCESS_KEY_SECRET", "ali-secret-value");
        env.put("HW_NOTIFY_WECOM_ROBOT_DUTY_ROOM_TOKEN", "wecom-key-value");
        env.put("HW_NOTIFY_DINGTALK_ROBOT_GRID_3_TOKEN", "ding-token-value");
        env.put("HW_NOTIFY_DINGTALK_ROBOT_GRID_3_SECRET", "ding-sign-value");
        env.put("HW_NOTIFY_DINGTALK_ROBOT_SQUAD_TOKEN", "ding-token-value");
        env.put("HW_NOTIFY_FEISHU_ROBOT_SQUAD_TOKEN", "feishu-hook-value");
        env.put("HW_NOTIFY_FEISHU_ROBOT_SQUAD_SECRET", "feishu-sign-value");
        env.put("HW_NOTIFY_PUSH_TOKEN", "push-token-value");
        env.put("HW_NOTIFY_WEBHOOK_SIGNING_SECRET", "hook-sign-value");
        env.put("HW_NOTIFY_DISPATCH_SECRET", "dispatch-secret-value");
        return env;
    }

    static NotifierConfig load(Path dir, String file, Map<String, String> env) throws Exception {
        Path path = dir.resolve("notify.properties");
        Files.writeString(path, file);
        return NotifierConfig.load(Settings.load(path, env));
    }

    @Test
    void loadsEveryProviderFromTheFileWithCredentialsFromTheEnvironment(@TempDir Path dir) throws Exception {
        NotifierConfig config = load(dir, FILE, env());

        assertThat(config.aliyunSms().accessKeySecret().reveal()).isEqualTo("ali-secret-value");
        assertThat(config.aliyunSms().template().templateCode()).isEqualTo("SMS_465312345");
        assertThat(config.tencentSms()).isNull();
        assertThat(config.wecom().robots()).containsOnlyKeys("duty-room");
        assertThat(config.wecom().endpoint()).isEqualTo("https://qyapi.weixin.qq.com");
        assertThat(config.dingtalk().robots().get("grid-3").signingSecret().reveal()).isEqualTo("ding-sign-value");
        assertThat(config.dingtalk().robots().get("squad").signingSecret()).isNull();
        assertThat(config.dingtalk().perMinute()).isEqualTo(10);
        assertThat(config.feishu().messageType()).isEqualTo("text");
        assertThat(config.push().token().reveal()).isEqualTo("push-token-value");
        assertThat(config.webhook().signing().signatureHeader()).isEqualTo("X-HW-Signature");
        assertThat(config.dispatch().format()).isEqualTo("cap");
        assertThat(config.dispatch().cap().zone().getId()).isEqualTo("Asia/Shanghai");
    }

    @Test
    void builtNotifiersCoverEveryConfiguredChannel(@TempDir Path dir) throws Exception {
        NotifierConfig config = load(dir, FILE, env());
        Vertx vertx = Vertx.vertx();
        try {
            WebClient client = WebClient.create(vertx);
            assertThat(Notifiers.create(config, client, Samples.CLOCK))
                    .containsOnlyKeys("sms", "wecom", "dingtalk", "feishu", "push", "webhook");
            assertThat(Notifiers.dispatch(config, client, Samples.CLOCK)).isNotNull();
        } finally {
            vertx.close();
        }
    }

    @Test
    void toStringShowsNoCredential(@TempDir Path dir) throws Exception {
        String text = load(dir, FILE, env()).toString();

        assertThat(text).contains("LTAI5tExample", "duty-room", "******");
        SECRETS.forEach(secret -> assertThat(text).doesNotContain(secret));
    }

    @Test
    void nothingIsSwitchedOnByDefault() {
        NotifierConfig config = NotifierConfig.load(Settings.of(Map.of()));

        assertThat(config).isEqualTo(new NotifierConfig(null, null, null, List.of(), null, null, null, null, null, null));
    }

    @Test
    void aMissingCredentialNamesItsKeyAndEnvironmentVariable(@TempDir Path dir) throws Exception {
        Map<String, String> env = env();
        env.remove("HW_NOTIFY_DINGTALK_ROBOT_SQUAD_TOKEN");

        assertThatThrownBy(() -> load(dir, FILE, env)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("notify.dingtalk.robot.squad.token: required")
                .hasMessageContaining("HW_NOTIFY_DINGTALK_ROBOT_SQUAD_TOKEN");
    }

    @Test
    void severalSmsProvidersAreAListWithoutRepeatsAndEachTemplateKeyErrorNamesTheKeyThatWasRead() {
        assertThatThrownBy(() -> NotifierConfig.load(Settings.of(Map.of("notify.sms.provider", "aliyun, yunpian"))))
                .hasMessageStartingWith("notify.sms.provider: 'yunpian' is not one of");
        assertThatThrownBy(() -> NotifierConfig.load(Settings.of(Map.of("notify.sms.provider", "tencent,tencent"))))
                .hasMessage("notify.sms.provider: 'tencent' is listed twice");
        Map<String, String> both = new HashMap<>(Map.of("notify.sms.provider", "aliyun,tencent",
                "notify.sms.aliyun.access-key-id", "id", "notify.sms.aliyun.access-key-secret", "k",
                "notify.sms.tencent.secret-id", "id", "notify.sms.tencent.secret-key", "k",
                "notify.sms.tencent.sdk-app-id", "1400", "notify.sms.sign-name", "s",
                "notify.sms.template-code", "SMS_1", "notify.sms.template-params", "{\"a\":\"${subject}\"}"));
        both.put("notify.sms.tencent.template-params", "[\"${nothing}\"]");
        assertThatThrownBy(() -> NotifierConfig.load(Settings.of(both)))
                .hasMessageStartingWith("notify.sms.tencent.template-params:");
        both.remove("notify.sms.tencent.template-params");
        assertThat(NotifierConfig.load(Settings.of(both)).tencentSms().template().templateCode()).isEqualTo("SMS_1");
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> NotifierConfig.load(Settings.of(Map.of("notify.sms.provider", "yunpian"))))
                .hasMessageStartingWith("notify.sms.provider:");
        assertThatThrownBy(() -> NotifierConfig.load(Settings.of(Map.of("notify.wecom.robots", "a",
                "notify.wecom.robot.a.token", "t", "notify.wecom.per-minute", "0"))))
                .hasMessageStartingWith("notify.wecom.per-minute:");
        assertThatThrownBy(() -> NotifierConfig.load(Settings.of(Map.of("notify.wecom.robots", "a",
                "notify.wecom.robot.a.token", "t", "notify.wecom.message-type", "card"))))
                .hasMessageStartingWith("notify.wecom.message-type:");
        assertThatThrownBy(() -> NotifierConfig.load(Settings.of(Map.of("notify.dispatch.url", "http://d",
                "notify.dispatch.secret", "s", "notify.dispatch.format", "xml"))))
                .hasMessageStartingWith("notify.dispatch.format:");
        assertThatThrownBy(() -> NotifierConfig.load(Settings.of(Map.of("notify.sms.provider", "tencent",
                "notify.sms.tencent.secret-id", "id", "notify.sms.tencent.secret-key", "k",
                "notify.sms.tencent.sdk-app-id", "1400", "notify.sms.sign-name", "s",
                "notify.sms.template-code", "1", "notify.sms.template-params", "[\"${phone}\"]"))))
                .hasMessageStartingWith("notify.sms.template-params:");
        assertThatThrownBy(() -> NotifierConfig.load(Settings.of(Map.of("notify.sms.provider", "twilio",
                "notify.sms.twilio.account-sid", "AC1", "notify.sms.twilio.auth-token", "t"))))
                .hasMessageStartingWith("notify.sms.twilio.from:");
    }
}
