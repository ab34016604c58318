# Checking a response plan against its scenario.

plan-no-levels = plan `{ $plan }` has no response levels
plan-level-number = level "{ $name }" is numbered { $number }; levels go from 4 (IV, lowest) to 1 (I, highest)
plan-level-twice = level { $number } is given twice
plan-level-order = level "{ $name }" ({ $number }) comes after a higher level; list them from IV to I
plan-review-every = `review_every` must be longer than 0m
plan-no-team = there is no team `{ $id }` in scenario `{ $scenario }`
plan-no-place = there is no district or facility `{ $id }` in scenario `{ $scenario }`
plan-restock-no-facility = restock: there is no facility `{ $id }` in scenario `{ $scenario }`
plan-restock-no-supply = restock: there is no supply `{ $id }` in scenario `{ $scenario }`
plan-restock-quantity = restock: the quantity must be more than 0

# What a plan writes in the commands it gives, in the scenario's language.
plan-report-text = { $rule } (per plan { $plan })
plan-official-information = Official information (plan { $plan })
plan-aid-granted = granted per agreement in plan { $plan }
plan-level-raised = Response level raised (plan { $plan })
