package io.hazardwatch.alerts.outbox.text;

import java.util.Map;

/**
 * The words of the messages, in Chinese and English ({@code {name}} placeholders). The board has its own labels in
 * {@code webroot/i18n.js}; these are the ones that leave the service in SMS and IM messages.
 */
final class Phrases {

    private static final Map<String, String> ZH = Map.ofEntries(
            Map.entry("level.SECOND", "二级报警"), Map.entry("level.FIRST", "一级预警"), Map.entry("level.NONE", "已恢复"),
            Map.entry("line.SECOND", "二级报警值"), Map.entry("line.FIRST", "一级预警值"), Map.entry("line.NONE", "报警值"),
            Map.entry("above", "超过"), Map.entry("below", "低于"),
            Map.entry("tag", "【{x}】"), Map.entry("reminder", "【提醒】"), Map.entry("raised", "【升级】"),
            Map.entry("sep", " "), Map.entry("colon", "："), Map.entry("comma", "，"),
            Map.entry("place", "地点："), Map.entry("time", "时间："), Map.entry("ack", "一键确认："),
            Map.entry("button", "确认收到"), Map.entry("board", "请在值班台确认"),
            Map.entry("since", "自 {t} 起"), Map.entry("offlineFor", "离线（超过 {limit} 无数据）"),
            Map.entry("feedback.due", "请反馈"),
            Map.entry("feedback.due.body", "请于 {confirm} 前确认，{report} 前报告原因和措施"),
            Map.entry("feedback.overdue", "反馈逾期"),
            Map.entry("feedback.overdue.body", "{enterprise} 未按时反馈"),
            Map.entry("group", "{enterprise} {n} 起报警"), Map.entry("group.footer", "请在值班台确认这 {n} 起事件"),
            Map.entry("case.DANGER_OVERDUE", "隐患逾期未整改"), Map.entry("case.COMMITMENT_MISSING", "安全承诺未提交"),
            Map.entry("case.INSPECTION_OVERDUE", "检查任务逾期"),
            Map.entry("system", "监测中断"), Map.entry("silent", "全部设备离线"),
            Map.entry("sensorType.COMBUSTIBLE_GAS", "可燃气体"), Map.entry("sensorType.TOXIC_GAS", "有毒气体"),
            Map.entry("sensorType.TOXIC_GAS_IDLH", "有毒气体"), Map.entry("sensorType.OXYGEN", "氧气"),
            Map.entry("sensorType.AMMONIA", "氨气"), Map.entry("sensorType.HYDROGEN_SULFIDE", "硫化氢"),
            Map.entry("sensorType.CARBON_MONOXIDE", "一氧化碳"), Map.entry("sensorType.CHLORINE", "氯气"),
            Map.entry("sensorType.DUST_CONCENTRATION", "粉尘浓度"), Map.entry("sensorType.TEMPERATURE", "温度"),
            Map.entry("alarmType.TREND", "趋势预警"), Map.entry("alarmType.OFFLINE", "离线"),
            Map.entry("alarmType.FLAPPING", "频繁跳变"), Map.entry("alarmType.STUCK", "数值不变(故障)"),
            Map.entry("alarmType.OUT_OF_RANGE", "超量程(故障)"), Map.entry("alarmType.STEL", "短时接触超限"),
            Map.entry("alarmType.TWA", "时间加权超限"), Map.entry("alarmType.MAC", "最高容许浓度超限"));

    private static final Map<String, String> EN = Map.ofEntries(
            Map.entry("level.SECOND", "Level-2 ALARM"), Map.entry("level.FIRST", "Level-1 warning"),
            Map.entry("level.NONE", "cleared"),
            Map.entry("line.SECOND", "level-2 line"), Map.entry("line.FIRST", "level-1 line"), Map.entry("line.NONE", "line"),
            Map.entry("above", "above the"), Map.entry("below", "below the"),
            Map.entry("tag", "[{x}] "), Map.entry("reminder", "[Reminder] "), Map.entry("raised", "[Raised] "),
            Map.entry("sep", ", "), Map.entry("colon", ": "), Map.entry("comma", ", "),
            Map.entry("place", "Place: "), Map.entry("time", "Time: "), Map.entry("ack", "Acknowledge: "),
            Map.entry("button", "Acknowledge"), Map.entry("board", "please acknowledge on the duty board"),
            Map.entry("since", "since {t}"), Map.entry("offlineFor", "offline (no reading for more than {limit})"),
            Map.entry("feedback.due", "Feedback due"),
            Map.entry("feedback.due.body", "please confirm by {confirm} and report cause and measures by {report}"),
            Map.entry("feedback.overdue", "Feedback overdue"),
            Map.entry("feedback.overdue.body", "{enterprise} has not answered in time"),
            Map.entry("group", "{n} alarms at {enterprise}"),
            Map.entry("group.footer", "please acknowledge the {n} incidents on the duty board"),
            Map.entry("case.DANGER_OVERDUE", "hidden danger not rectified in time"),
            Map.entry("case.COMMITMENT_MISSING", "daily safety commitment missing"),
            Map.entry("case.INSPECTION_OVERDUE", "inspection overdue"),
            Map.entry("system", "monitoring degraded"), Map.entry("silent", "all devices offline"),
            Map.entry("sensorType.COMBUSTIBLE_GAS", "combustible gas"), Map.entry("sensorType.TOXIC_GAS", "toxic gas"),
            Map.entry("sensorType.TOXIC_GAS_IDLH", "toxic gas"), Map.entry("sensorType.OXYGEN", "oxygen"),
            Map.entry("sensorType.AMMONIA", "ammonia"), Map.entry("sensorType.HYDROGEN_SULFIDE", "hydrogen sulfide"),
            Map.entry("sensorType.CARBON_MONOXIDE", "carbon monoxide"), Map.entry("sensorType.CHLORINE", "chlorine"),
            Map.entry("sensorType.DUST_CONCENTRATION", "dust"), Map.entry("sensorType.TEMPERATURE", "temperature"),
            Map.entry("alarmType.TREND", "trend warning"), Map.entry("alarmType.OFFLINE", "offline"),
            Map.entry("alarmType.FLAPPING", "flapping"), Map.entry("alarmType.STUCK", "stuck (fault)"),
            Map.entry("alarmType.OUT_OF_RANGE", "out of range (fault)"), Map.entry("alarmType.STEL", "STEL exceeded"),
            Map.entry("alarmType.TWA", "TWA exceeded"), Map.entry("alarmType.MAC", "ceiling exceeded"));

    private Phrases() {
    }

    /** The phrase, its placeholders filled from {@code vars} (name, value, name, value ...); an unknown key: itself. */
    static String of(Language language, String key, String... vars) {
        String text = (language == Language.EN ? EN : ZH).getOrDefault(key, key);
        for (int i = 0; i + 1 < vars.length; i += 2) {
            text = text.replace("{" + vars[i] + "}", vars[i + 1]);
        }
        return text;
    }

    static boolean has(String key) {
        return ZH.containsKey(key);
    }
}
