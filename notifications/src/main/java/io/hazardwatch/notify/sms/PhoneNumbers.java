package io.hazardwatch.notify.sms;

import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.NotifyException;
import java.util.regex.Pattern;

/** Recipients' numbers are E.164 ({@code +8613800138000}); anything else is refused before any request. */
public final class PhoneNumbers {

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");

    private PhoneNumbers() {
    }

    public static String e164(String provider, Notification n) {
        String number = n.recipient() == null ? null : n.recipient().address();
        if (number == null || !E164.matcher(number).matches()) {
            throw NotifyException.rejected(provider + ": recipient " + (n.recipient() == null ? "?"
                    : n.recipient().name()) + " has no E.164 phone number");
        }
        return number;
    }
}
