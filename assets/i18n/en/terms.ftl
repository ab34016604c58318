# Words of the exercise the core names: ratings, levels, channels, how decisions settle.

rating-p = Performed without challenges
rating-s = Performed with some challenges
rating-m = Performed with major challenges
rating-u = Unable to be performed

level-normal = normal
level-enhanced = enhanced control
level-closed = closed (lockdown)

channel-phone = phone
channel-email = email
channel-radio = radio
channel-media = media
channel-social-media = social media
channel-field-report = field report
channel-briefing = briefing
channel-document = document

settled-by-team = decided by { $team }
settled-agreed = agreed by every team asked
settled-default = no decision in time: the default applied

verdict-done = done
verdict-partly = partly done
verdict-not-done = not done

gathering-go-ahead = go ahead
gathering-with-measures = hold it with measures
gathering-postpone = postpone it by { $by }
gathering-cancel = cancel it

list-comma = {", "}

facility-hospital = hospital
facility-fever-clinic = fever clinic
facility-testing-site = testing site
facility-quarantine-site = quarantine site
facility-warehouse = warehouse
facility-command-post = command post
facility-port = port
facility-airport = airport
facility-station = police station
facility-school = school
facility-market = market
facility-workplace = workplace
facility-other = other

any-team = any team
test-method-pcr = PCR
test-method-antigen = antigen self-tests
zone-sealed = sealed (everyone stays home)
zone-controlled = controlled (nobody leaves the zone)
zone-precaution = precaution (fewer gatherings)
zone-lifted = lifted
zone-no-level = no level
