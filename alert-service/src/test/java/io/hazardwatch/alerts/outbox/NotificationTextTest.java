package io.hazardwatch.alerts.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.acklink.AckLinkConfig;
import io.hazardwatch.alerts.acklink.AckLinks;
import io.hazardwatch.alerts.acklink.AckToken;
import io.hazardwatch.alerts.casework.CaseAlarms;
import io.hazardwatch.alerts.incident.DeliveryRecord;
import io.hazardwatch.alerts.incident.Feedback;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.outbox.text.Language;
import io.hazardwatch.alerts.outbox.text.Names;
import io.hazardwatch.alerts.watchdog.SystemAlarms;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.model.registry.RegistryFile;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.config.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden texts of the messages, per case, in Chinese and English. */
class NotificationTextTest {

    private static final Instant T0 = Instant.parse("2026-12-06T08:00:05Z"); // 16:00:05 in Shanghai
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final String BOARD = "https://board.example.cn/";
    private static final String LONG_NAME = "滨海新区临港经济区化工园区第三精细化工股份有限公司（危险化学品储存与生产基地）";

    private static final Names NAMES = Names.of(Registry.of(new RegistryFile(1, List.of(
            new RegistryFile.Enterprise("hengda", "恒达精细化工", "grid-east-01", null, List.of(
                    new RegistryFile.Device("tank-a", "储罐区A", List.of(new RegistryFile.Sensor("nh3-01",
                            SensorType.AMMONIA, null)), null, "液氨储罐区")), null, null, List.of(
                    new RegistryFile.HazardUnit("液氨储罐区", 120, List.of(
                            new RegistryFile.HazardousSubstance("液氨", 30.0, 10.0, 2.0))))),
            new RegistryFile.Enterprise("longco", LONG_NAME, "grid-west-01", null, List.of(
                    new RegistryFile.Device("d1", "1号反应釜", List.of(new RegistryFile.Sensor("lel-1",
                            SensorType.COMBUSTIBLE_GAS, null)))))),
            List.of(new RegistryFile.GridCell("grid-east-01", "东区一网格", 0.0, 0.0, 10.0, 10.0, null),
                    new RegistryFile.GridCell("grid-west-01", "西区一网格", 10.0, 0.0, 10.0, 10.0, null)))));

    private final AckLinks links = new AckLinks(new AckLinkConfig(Secret.of(SECRET), false, Duration.ofHours(24), 30),
            BOARD, Clock.fixed(T0, ZoneOffset.UTC));
    private final NotificationText text = new NotificationText(NAMES, ZoneId.of("Asia/Shanghai"),
            Map.of("zhang-wei", Language.ZH, "mary", Language.EN), links, BOARD);

    private static Incident ammonia(AlarmLevel level, double value, double threshold) {
        return reading("hengda", "tank-a", "nh3-01", SensorType.AMMONIA, level, value, threshold, "ppm", "grid-east-01");
    }

    /** The incident a threshold alarm of one sensor opens at T0. */
    private static Incident reading(String enterprise, String device, String sensor, SensorType type, AlarmLevel level,
                                    double value, double threshold, String unit, String cell) {
        return Incident.open(new AlarmEvent(AlarmEvent.SCHEMA, enterprise + "/" + device + "/" + sensor + "/THRESHOLD",
                enterprise, device, sensor, type, AlarmEvent.THRESHOLD, level, AlarmTransition.RAISED, value, threshold,
                unit, "r", 1, T0, T0, T0), cell, T0);
    }

    private static OutgoingNotification to(String person, String purpose, Incident... incidents) {
        List<OutgoingNotification.Item> items = java.util.Arrays.stream(incidents).map(i -> new OutgoingNotification.Item(i,
                DeliveryRecord.queued(i.id() + "/" + purpose + "/" + person, purpose, person, "sms", "+8613800000001",
                        T0, T0))).toList();
        return new OutgoingNotification("sms", "+8613800000001", person, incidents[0].alarm().enterprise(), items);
    }

    private String token(Incident incident, String person) {
        return AckToken.sign(SECRET.getBytes(StandardCharsets.UTF_8), incident.id(), person, T0.plus(Duration.ofHours(24)));
    }

    @Test
    void aSecondLevelAlarmInChineseNamesTheEnterpriseSensorValueLinePlaceTimeAndTheLink() {
        Incident incident = ammonia(AlarmLevel.SECOND, 43, 40);

        Notification n = text.of(to("zhang-wei", "step-1", incident));

        String token = token(incident, "zhang-wei");
        assertThat(token).hasSize(35);
        assertThat(n.subject()).isEqualTo("【二级报警】恒达精细化工 储罐区A 氨气");
        assertThat(n.body()).isEqualTo("""
                恒达精细化工 储罐区A 氨气 nh3-01：43 ppm，超过二级报警值 40 ppm
                地点：液氨储罐区，东区一网格
                时间：2026-12-06 16:00:05 (UTC+08:00)
                一键确认：https://board.example.cn/ack/""" + token);
        assertThat(n.link()).isEqualTo(new Notification.Link("https://board.example.cn/ack/" + token, "确认收到"));
        assertThat(n.vars()).containsExactlyInAnyOrderEntriesOf(Map.of("levelName", "二级报警", "enterprise", "恒达精细化工",
                "sensor", "储罐区A 氨气 nh3-01", "value", "43 ppm", "line", "超过二级报警值 40 ppm",
                "place", "液氨储罐区，东区一网格", "time", "12-06 16:00", "token", token));
    }

    @Test
    void theSameAlarmInEnglishForAPersonWhoAskedForIt() {
        Incident incident = ammonia(AlarmLevel.SECOND, 43, 40);

        Notification n = text.of(to("mary", "step-2/reminder-1", incident));

        assertThat(n.subject()).isEqualTo("[Reminder] [Level-2 ALARM] 恒达精细化工, 储罐区A ammonia");
        assertThat(n.body()).isEqualTo("""
                恒达精细化工, 储罐区A ammonia nh3-01: 43 ppm, above the level-2 line 40 ppm
                Place: 液氨储罐区, 东区一网格
                Time: 2026-12-06 16:00:05 (UTC+08:00)
                Acknowledge: https://board.example.cn/ack/""" + token(incident, "mary"));
        assertThat(n.link().label()).isEqualTo("Acknowledge");
        assertThat(n.vars()).containsEntry("line", "above the level-2 line 40 ppm").containsEntry("levelName", "Level-2 ALARM");
    }

    @Test
    void aLowOxygenWarningSaysItFellBelowTheFirstLine() {
        Incident incident = reading("hengda", "tank-a", "o2-1", SensorType.OXYGEN, AlarmLevel.FIRST, 19.1, 19.5, "%VOL",
                "grid-east-01");

        Notification zh = text.of(to("zhang-wei", "step-1", incident));
        Notification en = text.of(to("mary", "level-rise", incident));

        assertThat(zh.body()).startsWith("恒达精细化工 储罐区A 氧气 o2-1：19.1 %VOL，低于一级预警值 19.5 %VOL\n");
        assertThat(en.subject()).startsWith("[Raised] [Level-1 warning] ");
        assertThat(en.body()).startsWith("恒达精细化工, 储罐区A oxygen o2-1: 19.1 %VOL, below the level-1 line 19.5 %VOL\n");
    }

    /** A silent device: how long it has been silent and the silence allowed, not a warning line crossed. */
    @Test
    void anOfflineDeviceSaysHowLongItHasBeenSilentNotThatItCrossedALine() {
        Incident incident = Incident.open(new AlarmEvent(AlarmEvent.SCHEMA, "hengda/tank-a//OFFLINE", "hengda", "tank-a",
                "", null, AlarmEvent.OFFLINE, AlarmLevel.FIRST, AlarmTransition.RAISED, 75, 60.0, "s",
                "offline:hengda/tank-a", 1, T0, T0, T0, null, 60L, null, null), "grid-east-01", T0);

        Notification zh = text.of(to("zhang-wei", "step-1", incident));
        Notification en = text.of(to("mary", "step-1", incident));

        assertThat(zh.body()).startsWith("恒达精细化工 储罐区A：75 s，离线（超过 60 s 无数据）\n");
        assertThat(en.body()).startsWith("恒达精细化工, 储罐区A: 75 s, offline (no reading for more than 60 s)\n");
    }

    @Test
    void aLongEnterpriseNameIsClippedToThirtyFiveCharactersInTheSmsVariablesOnly() {
        Incident incident = reading("longco", "d1", "lel-1", SensorType.COMBUSTIBLE_GAS, AlarmLevel.FIRST, 27.5, 25.0,
                "%LEL", "grid-west-01");

        Notification n = text.of(to("zhang-wei", "step-1", incident));

        assertThat(n.vars().get("enterprise")).isEqualTo("滨海新区临港经济区化工园区第三精细化工股份有限公司（危险化学品储存与…")
                .hasSize(35);
        assertThat(n.vars().values()).allSatisfy(v -> assertThat(v.codePointCount(0, v.length())).isLessThanOrEqualTo(35));
        assertThat(n.body()).startsWith(LONG_NAME + " 1号反应釜 可燃气体 lel-1：27.5 %LEL，超过一级预警值 25 %LEL\n地点：西区一网格\n");
    }

    @Test
    void anOverdueHiddenDangerReadsAsItsCaseInBothLanguages() {
        Incident incident = Incident.open(CaseAlarms.raised("hengda", "danger-20261201-3", CaseAlarms.DANGER_OVERDUE,
                AlarmLevel.FIRST, T0, T0), "grid-east-01", T0);

        Notification zh = text.of(to("zhang-wei", "step-1", incident));
        Notification en = text.of(to("mary", "step-1", incident));

        assertThat(zh.subject()).isEqualTo("【一级预警】恒达精细化工 隐患逾期未整改 danger-20261201-3");
        assertThat(zh.body()).isEqualTo("""
                恒达精细化工 隐患逾期未整改 danger-20261201-3，自 12-06 16:00 起
                地点：东区一网格
                时间：2026-12-06 16:00:05 (UTC+08:00)
                一键确认：https://board.example.cn/ack/""" + token(incident, "zhang-wei"));
        assertThat(en.subject()).isEqualTo("[Level-1 warning] 恒达精细化工, hidden danger not rectified in time danger-20261201-3");
        assertThat(en.body()).startsWith("恒达精细化工, hidden danger not rectified in time danger-20261201-3, since 12-06 16:00\n"
                + "Place: 东区一网格\n");
        assertThat(zh.vars()).containsEntry("value", "-").containsEntry("line", "自 12-06 16:00 起");
    }

    @Test
    void aSilentEnterpriseIsAMonitoringOutageInTheirWords() {
        Incident incident = Incident.open(SystemAlarms.raisedSilent("hengda", T0, T0), "grid-east-01", T0);

        Notification zh = text.of(to("zhang-wei", "step-1", incident));
        Notification en = text.of(to("mary", "step-1", incident));

        assertThat(zh.subject()).isEqualTo("【二级报警】恒达精细化工 监测中断：全部设备离线");
        assertThat(zh.body()).startsWith("恒达精细化工 监测中断：全部设备离线，自 12-06 16:00 起\n地点：东区一网格\n");
        assertThat(en.subject()).isEqualTo("[Level-2 ALARM] 恒达精细化工, monitoring degraded: all devices offline");
    }

    @Test
    void anEnterpriseIsAskedForItsFeedbackWithTheDeadlinesInParkTimeAndABoardLinkButNoAcknowledgeLink() {
        Incident incident = ammonia(AlarmLevel.SECOND, 43, 40);
        incident = incident.withFeedbackDeadlines(T0.plus(Duration.ofMinutes(30)), T0.plus(Duration.ofHours(24)));

        Notification n = text.of(to("hengda-safety", Feedback.REQUEST_PURPOSE, incident));

        assertThat(n.subject()).isEqualTo("【请反馈】【二级报警】恒达精细化工 储罐区A 氨气");
        assertThat(n.body()).isEqualTo("恒达精细化工 储罐区A 氨气 nh3-01：43 ppm，超过二级报警值 40 ppm\n"
                + "时间：2026-12-06 16:00:05 (UTC+08:00)\n"
                + "请于 2026-12-06 16:30:05 (UTC+08:00) 前确认，2026-12-07 16:00:05 (UTC+08:00) 前报告原因和措施\n"
                + "https://board.example.cn/#incident/" + incident.id());
        assertThat(n.link()).isNull();
    }

    @Test
    void inAStormSeveralIncidentsGoAsOneMessageToBeAcknowledgedOnTheBoard() {
        Incident a = ammonia(AlarmLevel.SECOND, 43, 40);
        Incident b = reading("hengda", "tank-a", "nh3-02", SensorType.AMMONIA, AlarmLevel.FIRST, 30, 25.0, "ppm",
                "grid-east-01");

        Notification n = text.of(to("zhang-wei", "step-1", a, b));

        assertThat(n.subject()).isEqualTo("恒达精细化工 2 起报警");
        assertThat(n.body()).isEqualTo("""
                【二级报警】恒达精细化工 储罐区A 氨气 nh3-01：43 ppm，超过二级报警值 40 ppm，12-06 16:00
                【一级预警】恒达精细化工 储罐区A 氨气 nh3-02：30 ppm，超过一级预警值 25 ppm，12-06 16:00
                请在值班台确认这 2 起事件""");
        assertThat(n.link()).isNull();
    }

    @Test
    void withoutTheRegistrysNamesAnIdStandsForItself() {
        Notification n = NotificationText.plain(null).of(to("zhang-wei", "step-1", ammonia(AlarmLevel.SECOND, 43, 40)));

        assertThat(n.subject()).isEqualTo("【二级报警】hengda tank-a 氨气");
        assertThat(n.body()).endsWith("请在值班台确认");
        assertThat(n.vars()).containsEntry("token", "");
    }
}
